import { z } from "zod";
import { formatMoney, isCurrencyCode, parseAmount, type Money } from "../money";
import type { TicketIntent } from "./classification";
import { findFlaggedTerms } from "./language";

/**
 * Whether a drafted resolution may go out without a person, as findings a reviewer reads. Each rule is a pure
 * function of what the run has looked up, and its message says what is wrong and what to check. Any finding sends
 * the ticket to a person: the run sends on its own only a reply that moves no money, to a known customer, in a
 * language Keel has templates for, after a confident classification, in calm words.
 */

export const ticketRiskRules = [
  "refund-proposed",
  "refund-above-order-total",
  "refund-above-limit",
  "refund-currency-mismatch",
  "repeat-refund",
  "angry-language",
  "legal-language",
  "low-confidence",
  "unknown-order",
  "no-order-for-refund",
  "empty-message",
  "truncated-message",
  "unsupported-language",
] as const;
export type TicketRiskRule = (typeof ticketRiskRules)[number];

export type TicketRiskFinding = { rule: TicketRiskRule; message: string; details?: Record<string, unknown> };

/** Limits the rules weigh; `autoRefundLimitMinor` is per currency, since amounts compare only in one currency. */
export const ticketRiskSettingsSchema = z.object({
  autoRefundLimitMinor: z
    .record(
      z.string().refine(isCurrencyCode, "Use ISO 4217 currency codes, such as EUR."),
      z.number().int().nonnegative(),
    )
    .default({ EUR: 10_000, USD: 10_000, GBP: 10_000 }),
  repeatRefundDays: z.number().int().positive().default(90),
  minConfidence: z.number().min(0).max(1).default(0.75),
});
export type TicketRiskSettings = z.infer<typeof ticketRiskSettingsSchema>;
export const defaultTicketRiskSettings: TicketRiskSettings = ticketRiskSettingsSchema.parse({});

/**
 * The refund limits as an operator writes them, `EUR:100.00,USD:120` (a currency, a colon, an amount in major
 * units), in minor units per currency, or a sentence saying what is wrong and what to write.
 */
export function parseRefundLimits(
  text: string,
): { ok: true; limits: Record<string, number> } | { ok: false; message: string } {
  const limits: Record<string, number> = {};
  for (const part of text.split(",")) {
    const item = part.trim();
    if (item === "") continue;
    const match = /^([A-Za-z]{3})\s*:\s*(.+)$/.exec(item);
    const currency = match?.[1]?.toUpperCase() ?? "";
    if (!match || !isCurrencyCode(currency))
      return { ok: false, message: `"${item}" is not a currency and an amount; write them as EUR:100.00,USD:100.00` };
    const minor = parseAmount(match[2] ?? "", currency);
    if (minor === null)
      return { ok: false, message: `"${item}" has no amount Keel can read; write it as ${currency}:100.00` };
    if (currency in limits) return { ok: false, message: `${currency} is given twice; give each currency once` };
    limits[currency] = minor;
  }
  return { ok: true, limits };
}

export type TicketRiskInput = {
  intent: TicketIntent;
  confidence: number;
  language: string;
  /** Languages the reply templates exist in. */
  templateLanguages: readonly string[];
  /** The customer's words: the message the draft answers. */
  text: string;
  truncated: boolean;
  proposedRefund: Money | null;
  /** The order reference the customer gave, and what Keel found for it (null: none given, or none found). */
  orderReference: string | null;
  order: { reference: string; totalMinor: number; currency: string; refundedMinor: number } | null;
  /** The customer's refunds already issued, for other tickets. */
  priorRefunds: readonly { at: Date; amountMinor: number; currency: string }[];
  now: Date;
};

export type TicketRiskAssessment = { needsPerson: boolean; findings: TicketRiskFinding[]; reasons: string[] };

const money = (minor: number, currency: string) => formatMoney({ minor, currency });
const dayMs = 86_400_000;

function refundFindings(input: TicketRiskInput, settings: TicketRiskSettings): TicketRiskFinding[] {
  const refund = input.proposedRefund;
  if (!refund) return [];
  const out: TicketRiskFinding[] = [
    {
      rule: "refund-proposed",
      message: `The draft proposes a refund of ${money(refund.minor, refund.currency)}; a person approves every refund.`,
      details: { amountMinor: refund.minor, currency: refund.currency },
    },
  ];
  const { order } = input;
  if (order && order.currency !== refund.currency) {
    out.push({
      rule: "refund-currency-mismatch",
      message: `The refund is in ${refund.currency} but order ${order.reference} was paid in ${order.currency}; refund in ${order.currency} or check the order.`,
      details: { refundCurrency: refund.currency, orderCurrency: order.currency },
    });
  } else if (order && refund.minor + order.refundedMinor > order.totalMinor) {
    const left = Math.max(order.totalMinor - order.refundedMinor, 0);
    out.push({
      rule: "refund-above-order-total",
      message: `The refund of ${money(refund.minor, refund.currency)} is more than the ${money(left, order.currency)} left to refund on order ${order.reference} (paid ${money(order.totalMinor, order.currency)}); lower it or check the order.`,
      details: { amountMinor: refund.minor, totalMinor: order.totalMinor, refundedMinor: order.refundedMinor },
    });
  }
  const limit = settings.autoRefundLimitMinor[refund.currency];
  if (limit === undefined || refund.minor > limit) {
    out.push({
      rule: "refund-above-limit",
      message:
        limit === undefined
          ? `No refund limit is configured for ${refund.currency}; check the amount of ${money(refund.minor, refund.currency)} with care.`
          : `The refund of ${money(refund.minor, refund.currency)} is above the configured limit of ${money(limit, refund.currency)}; check it with care.`,
      details: { amountMinor: refund.minor, limitMinor: limit ?? null },
    });
  }
  if (!order && !input.orderReference) {
    out.push({
      rule: "no-order-for-refund",
      message: "The draft proposes a refund but the ticket names no order; find the customer's order before refunding.",
    });
  }
  return out;
}

function repeatFindings(input: TicketRiskInput, settings: TicketRiskSettings): TicketRiskFinding[] {
  if (input.intent !== "refund_request" && !input.proposedRefund) return [];
  const since = input.now.getTime() - settings.repeatRefundDays * dayMs;
  const recent = input.priorRefunds.filter((r) => r.at.getTime() >= since);
  if (recent.length === 0) return [];
  return [
    {
      rule: "repeat-refund",
      message: `This customer already had ${String(recent.length)} refund${recent.length === 1 ? "" : "s"} in the last ${String(settings.repeatRefundDays)} days; check their history before refunding again.`,
      details: { count: recent.length, days: settings.repeatRefundDays },
    },
  ];
}

function languageFindings(input: TicketRiskInput): TicketRiskFinding[] {
  const terms = findFlaggedTerms(input.text);
  const out: TicketRiskFinding[] = [];
  for (const kind of ["angry", "legal"] as const) {
    const words = terms.filter((t) => t.kind === kind).map((t) => `"${t.term}"`);
    if (words.length === 0) continue;
    out.push({
      rule: kind === "angry" ? "angry-language" : "legal-language",
      message:
        kind === "angry"
          ? `The customer sounds upset (${words.join(", ")}); a person should read the reply before it goes.`
          : `The customer mentions legal steps (${words.join(", ")}); a person should answer this one.`,
      details: { terms: terms.filter((t) => t.kind === kind).map((t) => t.term) },
    });
  }
  return out;
}

/**
 * What the message itself lacks, known as soon as it arrives: the intake records these on a new ticket at once, and
 * the risk rules repeat them, so a person sees them before the run gets that far.
 */
export function bodyFindings(message: { text: string; truncated: boolean }): TicketRiskFinding[] {
  const out: TicketRiskFinding[] = [];
  if (message.text.trim() === "")
    out.push({
      rule: "empty-message",
      message:
        "The message has no text to answer (an email without a text part?); read the original and reply by hand.",
    });
  if (message.truncated)
    out.push({
      rule: "truncated-message",
      message: "The message was too long and only its beginning was read; read the original before replying.",
    });
  return out;
}

function messageFindings(input: TicketRiskInput, settings: TicketRiskSettings): TicketRiskFinding[] {
  const out = bodyFindings(input);
  if (input.confidence < settings.minConfidence)
    out.push({
      rule: "low-confidence",
      message: `The classification is uncertain (${String(Math.round(input.confidence * 100))} % confident, ${String(Math.round(settings.minConfidence * 100))} % needed); check the intent and the draft.`,
      details: { confidence: input.confidence, minConfidence: settings.minConfidence },
    });
  if (!input.templateLanguages.includes(input.language))
    out.push({
      rule: "unsupported-language",
      message: `The ticket is in "${input.language}", which Keel has no reply templates for; check the draft's language.`,
      details: { language: input.language },
    });
  if (input.orderReference && !input.order)
    out.push({
      rule: "unknown-order",
      message: `No order ${input.orderReference} is on file; check the reference with the customer before acting on it.`,
      details: { orderReference: input.orderReference },
    });
  return out;
}

/** Every finding on a drafted resolution, and whether a person must decide it. */
export function assessTicketRisk(
  input: TicketRiskInput,
  settings: TicketRiskSettings = defaultTicketRiskSettings,
): TicketRiskAssessment {
  const findings = [
    ...refundFindings(input, settings),
    ...repeatFindings(input, settings),
    ...languageFindings(input),
    ...messageFindings(input, settings),
  ];
  return { needsPerson: findings.length > 0, findings, reasons: findings.map((f) => f.message) };
}
