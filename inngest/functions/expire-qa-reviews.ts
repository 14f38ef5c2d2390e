import { inngest } from "@/services/events/client";
import { expireOverdueQaReviews } from "@/services/operations/qa-expiry";

/**
 * A QA review has no run waiting on it to apply its deadline, so this closes the ones left past it. Expiring one
 * sends no event and changes no document: the posting it sampled stands.
 */
export const expireQaReviews = inngest.createFunction(
  { id: "expire-qa-reviews", name: "Expire unreviewed QA samples", triggers: [{ cron: "*/10 * * * *" }] },
  async ({ step }) => {
    const { expired } = await step.run("expire-overdue", () => expireOverdueQaReviews(new Date()));
    // idle: the Runs view hides the runs that found nothing to do (services/runs/runs.ts).
    return { idle: expired === 0, expired };
  },
);
