import { inngest } from "@/services/events/client";
import { deleteAbandonedUploads } from "@/services/documents/direct-upload";

/** Two-step uploads nobody completed would otherwise keep their bytes in the bucket for good. */
export const dropAbandonedUploads = inngest.createFunction(
  { id: "drop-abandoned-uploads", name: "Drop abandoned uploads", triggers: [{ cron: "17 * * * *" }] },
  async ({ step }) => {
    const { dropped } = await step.run("drop-abandoned", () => deleteAbandonedUploads(new Date()));
    // idle: the Runs view hides the runs that found nothing to do (services/runs/runs.ts).
    return { idle: dropped === 0, dropped };
  },
);
