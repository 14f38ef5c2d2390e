import { afterAll, beforeAll, vi } from "vitest";
import { claimOutboxEmails } from "@/db/queries/ledger";
import { resetEnv } from "@/lib/env";
import { sendClaimedEmail, type SendOutcome } from "@/services/mail/outbox";
import { startSmtpSink, type SinkMessage, type SmtpSink } from "../fakes/smtp-sink";

/** An SMTP sink for the test file, with SMTP_URL pointing at it while the file runs. */
export function withSmtpSink(): () => SmtpSink {
  let sink: SmtpSink | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
    vi.stubEnv("SMTP_URL", sink.url);
    resetEnv();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnv();
    await sink?.close();
  });
  return () => {
    if (!sink) throw new Error("withSmtpSink: ready only inside tests");
    return sink;
  };
}

/** What one deliverer does, as the deliver-emails function does it in steps: claim a batch, send each, until none is due. */
export async function deliverDueEmails(batchSize = 20): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  for (;;) {
    const claims = await claimOutboxEmails(batchSize);
    if (claims.length === 0) return outcomes;
    for (const claim of claims) outcomes.push(await sendClaimedEmail(claim));
  }
}

export function messagesTo(sink: SmtpSink, address: string): SinkMessage[] {
  return sink.messages.filter((m) => m.envelope.to.includes(address));
}
