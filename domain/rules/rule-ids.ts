/**
 * Stable rule ids: stored on findings, mapped to task types and risk weights. Never rename one in use. They are
 * kept in two lists by who can answer the finding, so a new rule has to be placed in one.
 */

/** Findings a vendor can answer: their own document's arithmetic, references and prices. */
export const vendorAnswerableRuleIds = [
  "line-amount-mismatch",
  "subtotal-mismatch",
  "total-mismatch",
  "required-field-missing",
  "invalid-field-value",
  "duplicate-invoice-number",
  "possible-duplicate-invoice",
  "po-not-found",
  "po-currency-mismatch",
  "po-total-mismatch",
  "po-line-unmatched",
  "po-line-quantity-mismatch",
  "po-line-price-mismatch",
  "price-jump",
  "vendor-currency-mismatch",
] as const;

/** Findings about our side (our budget, our vendor master, how sure the extractor was): not the vendor's to see. */
const internalRuleIds = [
  "unknown-vendor",
  "vendor-tax-id-mismatch",
  "vendor-name-mismatch",
  "duplicate-document-text",
  "bank-details-changed",
  "over-budget",
  "budget-currency-mismatch",
  "low-confidence",
] as const;

export const ruleIds = [...vendorAnswerableRuleIds, ...internalRuleIds] as const;
export type RuleId = (typeof ruleIds)[number];

export function isRuleId(value: string): value is RuleId {
  return (ruleIds as readonly string[]).includes(value);
}
