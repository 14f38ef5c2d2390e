import { inngest } from "@/services/events/client";
import { emailQueued } from "@/services/events/catalog";
import { claimDueEmails, sendClaimedEmail, type SendOutcome } from "@/services/mail/outbox";
import { mailConfigured } from "@/services/mail/transport";
import { outboxClaimsSchema, sendOutcomeSchema } from "@/domain/payloads/document-steps";

// Bounded so one run never grows an endless step history; the next run (a minute, or a nudge) takes the rest.
const MAX_BATCHES = 10;
const BATCH_SIZE = 20;

/**
 * Sends the outbox over SMTP. Each email is its own step, so a run that resumes after a crash never sends again
 * an email it already sent; claims keep concurrent runs (or a second deployment) from sending one twice.
 */
export const deliverEmails = inngest.createFunction(
  {
    id: "deliver-emails",
    name: "Deliver queued emails",
    triggers: [{ cron: "* * * * *" }, emailQueued],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const outcomes: Record<SendOutcome, number> = { sent: 0, retry: 0, failed: 0, skipped: 0 };
    // idle: the Runs view hides the minutely runs that found nothing to do (services/runs/runs.ts).
    if (!mailConfigured()) return { idle: true, configured: false, ...outcomes };
    let claimed = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      // Parsed as versioned: a resumed run reads claims an older version memoised (domain/payloads).
      const claims = outboxClaimsSchema.parse(
        await step.run(`claim-${String(batch)}`, () => claimDueEmails(BATCH_SIZE)),
      );
      if (claims.length === 0) break;
      claimed += claims.length;
      for (const claim of claims) {
        // The attempt number keeps the id unique if a retried email comes round again in the same run.
        const outcome = sendOutcomeSchema.parse(
          await step.run(`send-${claim.id}-${String(claim.attempts)}`, () => sendClaimedEmail(claim)),
        );
        outcomes[outcome]++;
      }
    }
    return { idle: claimed === 0, configured: true, ...outcomes };
  },
);
