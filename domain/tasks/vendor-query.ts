import type { Finding } from "../documents/types";
import { formatMoney } from "../money";
import { vendorAnswerableRuleIds } from "../rules/rule-ids";

const askable: ReadonlySet<string> = new Set(vendorAnswerableRuleIds);

export type VendorQueryContext = {
  vendorName: string | null;
  documentLabel: string;
  documentNumber: string | null;
  issueDate: string | null;
  totalMinor: number | null;
  currency: string | null;
};

/** A first draft of the question to the vendor; the person edits it before it is sent. */
export function draftVendorQuery(
  ctx: VendorQueryContext,
  findings: readonly Finding[],
): { subject: string; body: string } {
  const reference = `${ctx.documentLabel}${ctx.documentNumber ? ` ${ctx.documentNumber}` : ""}`;
  const details = [
    ctx.issueDate ? `dated ${ctx.issueDate}` : null,
    ctx.totalMinor !== null && ctx.currency
      ? `for ${formatMoney({ minor: ctx.totalMinor, currency: ctx.currency })}`
      : null,
  ].filter(Boolean);
  const questions = findings.filter((f) => f.severity !== "info" && askable.has(f.rule)).map((f) => `- ${f.message}`);
  const body = [
    `Dear ${ctx.vendorName ?? "Sir or Madam"},`,
    "",
    `we are processing your ${reference}${details.length ? ` ${details.join(", ")}` : ""} and need your help before we can go ahead:`,
    "",
    ...(questions.length ? questions : ["- (Say what you need the vendor to confirm or correct.)"]),
    "",
    "Could you confirm or send a corrected document? Please reply to this email.",
    "",
    "Kind regards",
  ].join("\n");
  return { subject: `Question about your ${reference}`, body };
}

/**
 * How the outbox knows a task's questions to its vendor: every one's idempotency key starts with this, followed by
 * a digest of the message, so the same question submitted twice is sent once.
 */
export function vendorQueryKeyPrefix(taskId: string): string {
  return `ask-vendor:${taskId}:`;
}
