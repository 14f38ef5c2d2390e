import { describe, expect, it } from "vitest";
import type { Finding } from "./documents/types";
import { assessRisk, type RiskInput } from "./risk";
import { makeExtraction } from "./rules/test-factory";
import { resolveThresholds } from "./thresholds";

const knownVendor = { known: true, vendorName: "ACME Ltd", priorDocuments: 12 };
const assess = (input: Partial<RiskInput> = {}) =>
  assessRisk({
    extraction: makeExtraction(),
    findings: [],
    amount: { minor: 3060, currency: "EUR" },
    vendorHistory: knownVendor,
    proposedActions: ["create_payable"],
    ...input,
  });
const finding = (
  rule: string,
  severity: Finding["severity"] = "warning",
  details?: Record<string, unknown>,
): Finding => ({
  rule,
  severity,
  message: `${rule} fired`,
  fields: [],
  ...(details ? { details } : {}),
});

describe("assessRisk", () => {
  it("rates a small, clean, reversible invoice from a known vendor as low with no reasons", () => {
    expect(assess()).toEqual({ score: 0, level: "low", reasons: [], reversible: true });
  });

  describe("reversibility", () => {
    it.each(["pay", "change_bank_details", "email_vendor"] as const)("treats %s as irreversible", (action) => {
      const risk = assess({ proposedActions: ["create_payable", action] });
      expect(risk.reversible).toBe(false);
      expect(risk.score).toBe(25);
      expect(risk.reasons[0]).toMatch(/^Cannot be undone: .+ \(\+25\)$/);
    });

    it.each(["create_purchase_order", "create_payable", "record_quote", "update_price_list"] as const)(
      "treats %s as reversible",
      (action) => {
        expect(assess({ proposedActions: [action] }).reversible).toBe(true);
      },
    );
  });

  describe("amount bands", () => {
    it("adds nothing below the medium band", () => {
      expect(assess({ amount: { minor: 499_999, currency: "EUR" } }).score).toBe(0);
    });

    it("adds medium points from the medium band and high points from the high band", () => {
      const medium = assess({ amount: { minor: 500_000, currency: "EUR" } });
      expect(medium.score).toBe(15);
      expect(medium.reasons).toEqual(["€5,000.00 is a medium amount (from €5,000.00) (+15)"]);
      expect(assess({ amount: { minor: 2_500_000, currency: "EUR" } }).score).toBe(30);
    });

    it("counts a currency without bands as medium, and says so", () => {
      const risk = assess({ amount: { minor: 1_000, currency: "JPY" } });
      expect(risk.score).toBe(15);
      expect(risk.reasons[0]).toContain("No amount bands are set for JPY");
    });

    it("counts an unread amount, and adds nothing for a credit note", () => {
      expect(assess({ amount: null }).score).toBe(10);
      expect(assess({ amount: { minor: -9_000_000, currency: "EUR" } }).score).toBe(0);
    });

    it("uses admin-set bands", () => {
      const thresholds = resolveThresholds({
        riskAmountBands: { EUR: { mediumFromMinor: 1000, highFromMinor: 3000 } },
      });
      expect(assess({ thresholds }).score).toBe(30);
    });
  });

  describe("vendor history", () => {
    it("adds points for a new vendor and fewer for a first document", () => {
      expect(assess({ vendorHistory: { known: false, vendorName: "Globex", priorDocuments: 0 } }).reasons).toEqual([
        "New vendor: Globex is not on file (+20)",
      ]);
      expect(assess({ vendorHistory: { known: true, vendorName: "ACME Ltd", priorDocuments: 0 } }).score).toBe(10);
    });
  });

  describe("findings", () => {
    it("weighs by rule where it has a weight, else by severity; info adds nothing", () => {
      expect(assess({ findings: [finding("price-jump")] }).score).toBe(15);
      expect(assess({ findings: [finding("some-future-rule", "error")] }).score).toBe(25);
      expect(assess({ findings: [finding("some-future-rule", "warning")] }).score).toBe(10);
      expect(assess({ findings: [finding("po-total-mismatch", "info")] })).toMatchObject({ score: 0, reasons: [] });
    });

    it("counts a rule once however many lines fired it, and says how many", () => {
      const risk = assess({ findings: [finding("price-jump"), finding("price-jump"), finding("price-jump")] });
      expect(risk.score).toBe(15);
      expect(risk.reasons).toEqual(["price-jump fired (and 2 more like it) (+15)"]);
    });

    it("always rates a bank detail change high, whatever the levels are set to", () => {
      const thresholds = resolveThresholds({ riskLevels: { highFromScore: 95 } });
      const risk = assess({ findings: [finding("bank-details-changed", "error", { irreversible: true })], thresholds });
      expect(risk.level).toBe("high");
      expect(risk.score).toBe(95);
    });
  });

  describe("levels", () => {
    it("is medium from 30 and high from 60", () => {
      expect(assess({ findings: [finding("a", "error")], amount: { minor: 500, currency: "EUR" } }).level).toBe("low");
      expect(assess({ findings: [finding("a", "error")], proposedActions: ["pay"] }).level).toBe("medium");
      expect(
        assess({
          findings: [finding("duplicate-invoice-number", "error")],
          vendorHistory: { known: false, vendorName: null, priorDocuments: 0 },
        }).level,
      ).toBe("high");
    });

    it("caps the score at 100 and lists reasons largest first", () => {
      const risk = assess({
        findings: [finding("bank-details-changed", "error"), finding("duplicate-invoice-number", "error")],
        amount: { minor: 9_000_000, currency: "EUR" },
        proposedActions: ["pay"],
        vendorHistory: { known: false, vendorName: null, priorDocuments: 0 },
      });
      expect(risk.score).toBe(100);
      expect(risk.reasons.map((r) => /\(\+(\d+)\)$/.exec(r)?.[1])).toEqual(["70", "40", "30", "25", "20"]);
    });
  });

  it("adds a little for the deterministic fallback extractor", () => {
    expect(assess({ extraction: makeExtraction({ provider: "deterministic" }) }).score).toBe(5);
  });
});
