/** Every kind of decision a person makes on a document; routing, thresholds, policy and the inbox derive from it. */
export const taskTypes = [
  "REVIEW_EXTRACTION",
  "APPROVE_SPEND",
  "CONFIRM_PRICE_CHANGE",
  "CONFIRM_BANK_CHANGE",
  "CONFIRM_DUPLICATE",
  "HIGH_RISK_ACTION",
  "CONFIRM_NEW_VENDOR",
] as const;
export type TaskType = (typeof taskTypes)[number];
