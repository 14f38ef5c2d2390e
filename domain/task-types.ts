import type { FieldValues } from "./tasks/edits";

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

/**
 * What a task was opened with: the findings that asked for it and the fields as read, so a decision can say what
 * a person changed. A task opened before anything was read carries none of it.
 */
export type TaskProposal = Partial<{ findings: string[]; extractionId: string | null; fields: FieldValues | null }>;
