import { formatAge } from "@/lib/format";
import type { InboxAge } from "../inbox-params";

/** The domain's labels, named as the inbox has always used them. */
export { taskTypeLabels as typeLabels } from "@/domain/task-types";
export { taskStatusLabels as statusLabels } from "@/domain/tasks/lifecycle";

export const sortLabels = {
  oldest: "Oldest first",
  newest: "Newest first",
  due: "Due soonest",
  amount: "Largest amount",
} as const;
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

/** When a task is due, short enough for one line of the inbox: "in 5 h", "due now" or "3 h overdue". */
export function dueLabel(deadline: Date, now: Date): string {
  if (Math.abs(deadline.getTime() - now.getTime()) < 60_000) return "due now";
  return deadline > now ? `in ${formatAge(now, deadline)}` : `${formatAge(deadline, now)} overdue`;
}
