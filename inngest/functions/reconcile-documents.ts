import { inngest } from "@/services/events/client";
import { listStalledDocuments } from "@/services/documents/reconcile";
import { startPipeline } from "@/services/documents/receive";

/**
 * A document whose keel/document.received was lost (the app died between commit and send) would wait forever.
 * This re-sends it; the event id derived from the document makes a resend of a delivered event a no-op.
 */
export const reconcileDocuments = inngest.createFunction(
  { id: "reconcile-documents", name: "Re-send lost document events", triggers: [{ cron: "*/5 * * * *" }] },
  async ({ step }) => {
    const ids = await step.run("find-stalled", () => listStalledDocuments());
    for (const id of ids) await step.run(`resend-${id}`, () => startPipeline(id));
    // idle: the Runs view hides the runs that found nothing to do (services/runs/runs.ts).
    return { idle: ids.length === 0, resent: ids.length };
  },
);
