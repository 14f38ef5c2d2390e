/**
 * Records the current ticket-draft prompt's eval answers against the repository's fake Messages API, for CI's replay when no real
 * Claude is reachable: `npx tsx tests/evals/record-tickets-with-fake.ts`. The fake answers as Keel's rules would
 * (domain/tickets/classify.ts), so the record says `"source": "fake-messages-api"` and is never a Claude score.
 */
import { classifyTicket, readRefundAsk } from "@/domain/tickets/classify";
import { recordTicketEval } from "@/evals/tickets/run";
import { startFakeAnthropic } from "../fakes/anthropic-server";

const fake = await startFakeAnthropic();
fake.respond = (body) => {
  const [first] = body.messages as { content: unknown }[];
  const text = typeof first?.content === "string" ? first.content : "";
  const subject = /<message subject="([^"]*)">/.exec(text)?.[1] ?? "";
  const message = /<message[^>]*>\n([\s\S]*)\n<\/message>/.exec(text)?.[1] ?? "";
  const total = /total_minor="(\d+)"/.exec(text)?.[1];
  const order = total ? { totalMinor: Number(total), refundedMinor: 0, currency: "EUR" } : null;
  const classification = classifyTicket({ subject, body: message });
  const refund = classification.intent === "refund_request" ? readRefundAsk(message, order) : null;
  return {
    kind: "tool",
    input: { ...classification, reply: "Thank you for your message.", refundMinor: refund?.minor ?? null },
  };
};
try {
  await recordTicketEval({
    apiKey: "fake-messages-api",
    baseURL: fake.url,
    source: "fake-messages-api",
    log: console.log,
  });
} finally {
  await fake.close();
}
