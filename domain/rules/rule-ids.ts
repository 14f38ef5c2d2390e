/** Stable rule ids: stored on findings, mapped to task types and risk weights. Never rename one in use. */
export const ruleIds = [
  "line-amount-mismatch",
  "subtotal-mismatch",
  "total-mismatch",
  "required-field-missing",
  "invalid-field-value",
  "unknown-vendor",
  "vendor-tax-id-mismatch",
  "vendor-name-mismatch",
  "duplicate-invoice-number",
  "possible-duplicate-invoice",
  "duplicate-document-text",
  "po-not-found",
  "po-currency-mismatch",
  "po-total-mismatch",
  "po-line-unmatched",
  "po-line-quantity-mismatch",
  "po-line-price-mismatch",
  "price-jump",
  "bank-details-changed",
  "over-budget",
  "budget-currency-mismatch",
  "low-confidence",
  "vendor-currency-mismatch",
] as const;
export type RuleId = (typeof ruleIds)[number];

export function isRuleId(value: string): value is RuleId {
  return (ruleIds as readonly string[]).includes(value);
}
