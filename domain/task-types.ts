/** The decisions a document's run may wait on before it posts: what routing chooses from. */
export const routedTaskTypes = [
  "REVIEW_EXTRACTION",
  "APPROVE_SPEND",
  "CONFIRM_PRICE_CHANGE",
  "CONFIRM_BANK_CHANGE",
  "CONFIRM_DUPLICATE",
  "HIGH_RISK_ACTION",
  "CONFIRM_NEW_VENDOR",
] as const;
export type RoutedTaskType = (typeof routedTaskTypes)[number];

/**
 * Tasks opened after a document posted, which no run waits on: a QA review samples what was auto-posted and its
 * finding feeds the monitor, never the posting.
 */
export const afterPostingTaskTypes = ["QA_REVIEW"] as const;

/** Every kind of decision a person makes on a document; routing and the deadline thresholds derive from it. */
export const documentTaskTypes = [...routedTaskTypes, ...afterPostingTaskTypes] as const;
export type DocumentTaskType = (typeof documentTaskTypes)[number];

/** Decisions a person makes on a support ticket: the ticket's run waits on them as a document's waits on its own. */
export const ticketTaskTypes = ["TICKET_REVIEW"] as const;
export type TicketTaskType = (typeof ticketTaskTypes)[number];

/** Every kind of task in the one task system; policy, the inbox and its filters derive from it. */
export const taskTypes = [...documentTaskTypes, ...ticketTaskTypes] as const;
export type TaskType = (typeof taskTypes)[number];

export function isTicketTaskType(type: TaskType): type is TicketTaskType {
  return (ticketTaskTypes as readonly string[]).includes(type);
}

// Keyed by the types, so a new type needs its label here to compile; every page and timeline line shows these.
export const taskTypeLabels: Record<TaskType, string> = {
  REVIEW_EXTRACTION: "Review extraction",
  APPROVE_SPEND: "Approve spend",
  CONFIRM_PRICE_CHANGE: "Confirm price change",
  CONFIRM_BANK_CHANGE: "Confirm bank change",
  CONFIRM_DUPLICATE: "Confirm duplicate",
  HIGH_RISK_ACTION: "High-risk action",
  CONFIRM_NEW_VENDOR: "New vendor",
  QA_REVIEW: "QA review",
  TICKET_REVIEW: "Review ticket",
};
