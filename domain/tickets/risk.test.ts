import { describe, expect, it } from "vitest";
import { assessTicketRisk, ticketRiskSettingsSchema, type TicketRiskInput } from "./risk";

const now = new Date("2026-03-02T10:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

/** A calm order-status question about a known order: nothing for a person to see. */
function input(overrides: Partial<TicketRiskInput> = {}): TicketRiskInput {
  return {
    intent: "order_status",
    confidence: 0.92,
    language: "en",
    templateLanguages: ["en", "de"],
    text: "Hello, where is my order A-1001? Thanks.",
    truncated: false,
    proposedRefund: null,
    orderReference: "A-1001",
    order: { reference: "A-1001", totalMinor: 4990, currency: "EUR", refundedMinor: 0 },
    priorRefunds: [],
    now,
    ...overrides,
  };
}

const rules = (overrides: Partial<TicketRiskInput>) => assessTicketRisk(input(overrides)).findings.map((f) => f.rule);

describe("assessTicketRisk", () => {
  it("lets a calm, confident, moneyless reply go without a person", () => {
    expect(assessTicketRisk(input())).toEqual({ needsPerson: false, findings: [], reasons: [] });
  });

  it("sends every refund to a person, saying how much", () => {
    const assessment = assessTicketRisk(
      input({ intent: "refund_request", proposedRefund: { minor: 1500, currency: "EUR" } }),
    );
    expect(assessment.needsPerson).toBe(true);
    expect(assessment.reasons).toEqual(["The draft proposes a refund of €15.00; a person approves every refund."]);
  });

  it("flags a refund above what is left on the order", () => {
    const assessment = assessTicketRisk(
      input({
        intent: "refund_request",
        proposedRefund: { minor: 3000, currency: "EUR" },
        order: { reference: "A-1001", totalMinor: 4990, currency: "EUR", refundedMinor: 2000 },
      }),
    );
    expect(assessment.findings[1]).toEqual({
      rule: "refund-above-order-total",
      message:
        "The refund of €30.00 is more than the €29.90 left to refund on order A-1001 (paid €49.90); lower it or check the order.",
      details: { amountMinor: 3000, totalMinor: 4990, refundedMinor: 2000 },
    });
  });

  it("flags a refund in another currency than the order's, and does not compare the amounts", () => {
    expect(rules({ proposedRefund: { minor: 999_999, currency: "USD" } })).toEqual([
      "refund-proposed",
      "refund-currency-mismatch",
      "refund-above-limit",
    ]);
    expect(assessTicketRisk(input({ proposedRefund: { minor: 100, currency: "USD" } })).reasons[1]).toBe(
      "The refund is in USD but order A-1001 was paid in EUR; refund in EUR or check the order.",
    );
  });

  it("flags a refund above the configured limit, and one in a currency with no limit", () => {
    const settings = ticketRiskSettingsSchema.parse({ autoRefundLimitMinor: { EUR: 2000 } });
    const over = assessTicketRisk(input({ proposedRefund: { minor: 2001, currency: "EUR" } }), settings).findings.find(
      (f) => f.rule === "refund-above-limit",
    );
    expect(over?.message).toBe("The refund of €20.01 is above the configured limit of €20.00; check it with care.");
    expect(
      assessTicketRisk(input({ proposedRefund: { minor: 2000, currency: "EUR" } }), settings).findings.map(
        (f) => f.rule,
      ),
    ).toEqual(["refund-proposed"]);
    const jpy = assessTicketRisk(
      input({
        proposedRefund: { minor: 500, currency: "JPY" },
        order: { reference: "A-1001", totalMinor: 5000, currency: "JPY", refundedMinor: 0 },
      }),
      settings,
    ).findings.find((f) => f.rule === "refund-above-limit");
    expect(jpy?.message).toBe("No refund limit is configured for JPY; check the amount of JP¥500 with care.");
  });

  it("flags repeat refunds within the window only", () => {
    const old = { at: daysAgo(200), amountMinor: 500, currency: "EUR" };
    const priorRefunds = [{ at: daysAgo(10), amountMinor: 500, currency: "EUR" }, old];
    const assessment = assessTicketRisk(input({ intent: "refund_request", priorRefunds }));
    expect(assessment.reasons).toEqual([
      "This customer already had 1 refund in the last 90 days; check their history before refunding again.",
    ]);
    expect(rules({ intent: "refund_request", priorRefunds: [old] })).toEqual([]);
    // A question that asks for no money does not weigh past refunds.
    expect(rules({ priorRefunds })).toEqual([]);
  });

  it("flags angry and legal language with the words found", () => {
    const assessment = assessTicketRisk(input({ text: "This is outrageous. My solicitor will be in touch." }));
    expect(assessment.findings).toEqual([
      {
        rule: "angry-language",
        message: 'The customer sounds upset ("outrageous"); a person should read the reply before it goes.',
        details: { terms: ["outrageous"] },
      },
      {
        rule: "legal-language",
        message: 'The customer mentions legal steps ("solicitor"); a person should answer this one.',
        details: { terms: ["solicitor"] },
      },
    ]);
  });

  it("flags low classification confidence", () => {
    expect(assessTicketRisk(input({ confidence: 0.5 })).reasons).toEqual([
      "The classification is uncertain (50 % confident, 75 % needed); check the intent and the draft.",
    ]);
    expect(rules({ confidence: 0.75 })).toEqual([]);
  });

  it("flags an order reference Keel does not know, and a refund with no order at all", () => {
    expect(assessTicketRisk(input({ order: null, orderReference: "Z-404" })).reasons).toEqual([
      "No order Z-404 is on file; check the reference with the customer before acting on it.",
    ]);
    expect(rules({ order: null, orderReference: null, proposedRefund: { minor: 100, currency: "EUR" } })).toEqual([
      "refund-proposed",
      "no-order-for-refund",
    ]);
  });

  it("flags an empty message, a cut-off message and a language without templates", () => {
    expect(rules({ text: "  \n " })).toEqual(["empty-message"]);
    expect(rules({ truncated: true })).toEqual(["truncated-message"]);
    expect(assessTicketRisk(input({ language: "fi" })).reasons).toEqual([
      'The ticket is in "fi", which Keel has no reply templates for; check the draft\'s language.',
    ]);
  });

  it("reads a 5 MB message to the end", () => {
    const text = `${"Where is my parcel? ".repeat(260_000)}I will sue.`;
    expect(rules({ text, truncated: false })).toEqual(["legal-language"]);
  });

  it("refuses settings with a made-up currency", () => {
    expect(ticketRiskSettingsSchema.safeParse({ autoRefundLimitMinor: { EUX: 100 } }).success).toBe(false);
  });
});
