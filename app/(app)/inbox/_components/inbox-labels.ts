import type { TaskType } from "@/domain/task-types";
import type { TaskStatus } from "@/domain/tasks/lifecycle";
import type { InboxAge } from "../inbox-params";

// Keyed by the domain's types, so a task type or status added there needs its label here to compile.
export const typeLabels: Record<TaskType, string> = {
  REVIEW_EXTRACTION: "Review extraction",
  APPROVE_SPEND: "Approve spend",
  CONFIRM_PRICE_CHANGE: "Confirm price change",
  CONFIRM_BANK_CHANGE: "Confirm bank change",
  CONFIRM_DUPLICATE: "Confirm duplicate",
  HIGH_RISK_ACTION: "High-risk action",
  CONFIRM_NEW_VENDOR: "New vendor",
};

export const sortLabels = {
  oldest: "Oldest first",
  newest: "Newest first",
  due: "Due soonest",
  amount: "Largest amount",
} as const;
export const statusLabels: Record<TaskStatus, string> = {
  open: "Open",
  resolved: "Decided",
  expired: "Expired",
  cancelled: "Cancelled",
};
export const ageLabels: Record<InboxAge, string> = {
  "1h": "over 1 hour",
  "24h": "over 24 hours",
  "3d": "over 3 days",
  "7d": "over 7 days",
};

/** Counting stops here: past it the inbox says "10,000+" rather than count every row. */
export const COUNT_CAP = 10_000;
export const count = (n: number) =>
  n > COUNT_CAP ? `${COUNT_CAP.toLocaleString("en-GB")}+` : n.toLocaleString("en-GB");
