import { describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/lib/env";
import { finishedRun, until } from "../engine/helpers";
import { makeQueuedEmail, outboxEmail } from "../factories/emails";
import { withPipeline } from "../pipeline/harness";
import { messagesTo, withSmtpSink } from "./harness";

const pipeline = withPipeline();
const smtp = withSmtpSink();

describe("the deliver-emails function on the engine", () => {
  it("delivers an email soon after it is queued and the mailer nudged", async () => {
    const { engine } = pipeline();
    // Imported late: the Inngest client takes the engine's address from the environment the harness sets.
    const { nudgeMailer } = await import("@/services/mail/nudge");
    const email = await makeQueuedEmail();
    await nudgeMailer();

    const sent = await until("the email to be sent", async () => {
      const row = await outboxEmail(email.idempotencyKey);
      return row.status === "sent" ? row : undefined;
    });
    expect(sent.attempts).toBe(1);
    expect(messagesTo(smtp(), email.to)).toHaveLength(1);
    // The outbox row moves a moment before the engine records the step that moved it.
    const runs = await until("the send step", async () => {
      const found = await engine.sql<{ function_id: string }[]>`
        select r.function_id from runs r join run_steps s on s.run_id = r.id where s.name = ${`send-${email.id}-1`}`;
      return found.length ? found : undefined;
    });
    expect(runs).toEqual([{ function_id: "keel-deliver-emails" }]);
    const nudges = await engine.sql`select 1 from events where name = 'keel/email.queued'`;
    expect(nudges.length).toBeGreaterThan(0);
  });

  it("does nothing and leaves emails queued while no SMTP server is configured", async () => {
    const { engine } = pipeline();
    const { inngest } = await import("@/services/events/client");
    const { emailQueued } = await import("@/services/events/catalog");
    const deliveryRun = async () => {
      const { ids } = await inngest.send(emailQueued.create({}));
      return finishedRun(engine.url, ids[0] ?? "");
    };
    vi.stubEnv("SMTP_URL", "");
    resetEnv();
    try {
      // With a concurrency of one, a call that began while SMTP was configured has ended once this run has run.
      await deliveryRun();
      const email = await makeQueuedEmail();
      expect(await deliveryRun()).toMatchObject({
        status: "Completed",
        output: { idle: true, configured: false, sent: 0 },
      });
      expect(await outboxEmail(email.idempotencyKey)).toMatchObject({ status: "queued", attempts: 0 });
    } finally {
      vi.stubEnv("SMTP_URL", smtp().url);
      resetEnv();
    }
  });
});
