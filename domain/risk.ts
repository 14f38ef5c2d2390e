import type { Extraction, Finding } from "./documents/types";
import { formatMoney, isCurrencyCode, type Money } from "./money";
import { isRuleId, type RuleId } from "./rules/rule-ids";
import { defaultThresholds, type Thresholds } from "./thresholds";

/** What posting a document would do. */
export const proposedActions = [
  "create_purchase_order",
  "create_payable",
  "record_quote",
  "update_price_list",
  "pay",
  "change_bank_details",
  "email_vendor",
] as const;
export type ProposedAction = (typeof proposedActions)[number];

/** Money that left, bank details that were used, an email that was read: none can be called back. */
export const irreversibleActions: ReadonlySet<ProposedAction> = new Set(["pay", "change_bank_details", "email_vendor"]);

const actionLabels: Record<ProposedAction, string> = {
  create_purchase_order: "creating the purchase order",
  create_payable: "creating the payable",
  record_quote: "recording the quote",
  update_price_list: "updating the price list",
  pay: "paying",
  change_bank_details: "changing the vendor's bank details",
  email_vendor: "emailing the vendor",
};

export type VendorHistory = { known: boolean; vendorName: string | null; priorDocuments: number };
export type RiskLevel = "low" | "medium" | "high";
export type RiskAssessment = { score: number; level: RiskLevel; reasons: string[]; reversible: boolean };

export type RiskInput = {
  extraction: Extraction;
  findings: readonly Finding[];
  /** The amount at stake; null when no total was read. */
  amount: Money | null;
  vendorHistory: VendorHistory;
  proposedActions: readonly ProposedAction[];
  thresholds?: Thresholds;
};

/** Points per rule, counted once per rule however many lines fired it; rules not listed weigh by severity. */
const ruleWeights: Partial<Record<RuleId, number>> = {
  "bank-details-changed": 70,
  "duplicate-invoice-number": 40,
  "vendor-tax-id-mismatch": 40,
  "possible-duplicate-invoice": 20,
  "over-budget": 20,
  "unknown-vendor": 15,
  "price-jump": 15,
  "po-total-mismatch": 15,
};
const severityWeights = { error: 25, warning: 10, info: 0 } as const;

export const riskPoints = {
  amountMedium: 15,
  amountHigh: 30,
  amountUnknown: 10,
  newVendor: 20,
  firstDocument: 10,
  irreversible: 25,
  fallbackExtractor: 5,
} as const;

export function assessRisk(input: RiskInput): RiskAssessment {
  const thresholds = input.thresholds ?? defaultThresholds;
  const parts: { points: number; reason: string }[] = [
    ...findingPoints(input.findings),
    ...amountPoints(input.amount, thresholds),
    ...vendorPoints(input.vendorHistory),
  ];

  const irreversible = input.proposedActions.filter((action) => irreversibleActions.has(action));
  if (irreversible.length > 0) {
    parts.push({
      points: riskPoints.irreversible,
      reason: `Cannot be undone: ${irreversible.map((a) => actionLabels[a]).join(", ")}`,
    });
  }
  // The last link of the model chain reads with rules and regexes; its values deserve a second look.
  if (input.extraction.provider === "deterministic") {
    parts.push({
      points: riskPoints.fallbackExtractor,
      reason: "Read by the deterministic fallback extractor, not a model",
    });
  }

  const raw = parts.reduce((sum, part) => sum + part.points, 0);
  // Bank detail changes are the fraud that costs most; no mix of other signals may rate them below high.
  const forcedHigh = input.findings.some((f) => f.rule === "bank-details-changed" || f.details?.irreversible === true);
  const score = Math.min(100, forcedHigh ? Math.max(raw, thresholds.riskLevels.highFromScore) : raw);
  const level: RiskLevel =
    score >= thresholds.riskLevels.highFromScore
      ? "high"
      : score >= thresholds.riskLevels.mediumFromScore
        ? "medium"
        : "low";
  const reasons = parts
    .filter((part) => part.points > 0)
    .sort((a, b) => b.points - a.points)
    .map((part) => `${part.reason} (+${String(part.points)})`);
  return { score, level, reasons, reversible: irreversible.length === 0 };
}

function findingPoints(findings: readonly Finding[]): { points: number; reason: string }[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  return [...byRule.values()].map((group) => {
    const weights = group.map((f) =>
      f.severity === "info" ? 0 : ((isRuleId(f.rule) ? ruleWeights[f.rule] : undefined) ?? severityWeights[f.severity]),
    );
    const first = group[0];
    const more = group.length > 1 ? ` (and ${String(group.length - 1)} more like it)` : "";
    return { points: Math.max(...weights), reason: `${first?.message ?? ""}${more}` };
  });
}

function amountPoints(amount: Money | null, thresholds: Thresholds): { points: number; reason: string }[] {
  if (amount === null) return [{ points: riskPoints.amountUnknown, reason: "No total amount was read" }];
  // A credit note lowers what is owed; its size adds no risk.
  if (amount.minor <= 0) return [];
  const band = thresholds.riskAmountBands[amount.currency];
  if (band === undefined || !isCurrencyCode(amount.currency)) {
    return [
      {
        points: riskPoints.amountMedium,
        reason: `No amount bands are set for ${amount.currency}; counted as a medium amount`,
      },
    ];
  }
  const formatted = formatMoney(amount);
  if (amount.minor >= band.highFromMinor) {
    return [
      {
        points: riskPoints.amountHigh,
        reason: `${formatted} is a high amount (from ${formatMoney({ minor: band.highFromMinor, currency: amount.currency })})`,
      },
    ];
  }
  if (amount.minor >= band.mediumFromMinor) {
    return [
      {
        points: riskPoints.amountMedium,
        reason: `${formatted} is a medium amount (from ${formatMoney({ minor: band.mediumFromMinor, currency: amount.currency })})`,
      },
    ];
  }
  return [];
}

function vendorPoints(history: VendorHistory): { points: number; reason: string }[] {
  const name = history.vendorName ?? "the vendor";
  if (!history.known) return [{ points: riskPoints.newVendor, reason: `New vendor: ${name} is not on file` }];
  if (history.priorDocuments === 0) {
    return [{ points: riskPoints.firstDocument, reason: `First document from ${name}` }];
  }
  return [];
}
