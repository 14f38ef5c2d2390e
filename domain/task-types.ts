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

// Keyed by the types, so a new type needs its label here to compile; every page and timeline line shows these.
export const taskTypeLabels: Record<TaskType, string> = {
  REVIEW_EXTRACTION: "Review extraction",
  APPROVE_SPEND: "Approve spend",
  CONFIRM_PRICE_CHANGE: "Confirm price change",
  CONFIRM_BANK_CHANGE: "Confirm bank change",
  CONFIRM_DUPLICATE: "Confirm duplicate",
  HIGH_RISK_ACTION: "High-risk action",
  CONFIRM_NEW_VENDOR: "New vendor",
};
