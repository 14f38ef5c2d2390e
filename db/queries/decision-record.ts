import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { db, type Executor } from "../index";
import { taskActionTokens, taskApprovals, tasks, users, type Task } from "../schema";
import { approversOf } from "@/domain/tasks/actions";

type Person = { id: string; name: string; email: string };

/** Everything a closed task's decision left behind: the task's record, the people behind it, and any link used. */
export type DecisionRecordData = {
  task: Pick<
    Task,
    "id" | "status" | "resolvedAt" | "action" | "parameters" | "decided" | "currency" | "amountMinor" | "proposed"
  >;
  decidedBy: Person | null;
  /** Everyone whose approval stands on the decision, in the order they approved. */
  approvals: (Person & { at: Date | null })[];
  /** Emailed action links used on this task: which action, whose link, and when it was used. */
  linksUsed: { action: string; recipient: Person; usedAt: Date }[];
};

const person = { id: users.id, name: users.name, email: users.email };

/** A task's decision record, or undefined when the task does not exist or is still open. */
export async function getDecisionRecord(taskId: string, tx: Executor = db()): Promise<DecisionRecordData | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) return undefined;
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task || task.status === "open") return undefined;
  const approverIds = approversOf(task.parameters, task.resolvedBy);
  const [people, given, links] = await Promise.all([
    approverIds.length > 0 || task.resolvedBy
      ? tx
          .select(person)
          .from(users)
          .where(inArray(users.id, [...approverIds, ...(task.resolvedBy ? [task.resolvedBy] : [])]))
      : [],
    tx
      .select({ userId: taskApprovals.userId, at: taskApprovals.at })
      .from(taskApprovals)
      .where(eq(taskApprovals.taskId, task.id)),
    tx
      .select({ action: taskActionTokens.action, usedAt: taskActionTokens.usedAt, recipient: person })
      .from(taskActionTokens)
      .innerJoin(users, eq(users.id, taskActionTokens.recipientId))
      .where(and(eq(taskActionTokens.taskId, task.id), isNotNull(taskActionTokens.usedAt)))
      .orderBy(taskActionTokens.usedAt),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const approvedAt = new Map(given.map((g) => [g.userId, g.at]));
  const approving = task.action === "approve" || task.action === "edit_and_approve";
  return {
    task,
    decidedBy: task.resolvedBy ? (byId.get(task.resolvedBy) ?? null) : null,
    approvals: approving
      ? approverIds.flatMap((id) => {
          const p = byId.get(id);
          return p ? [{ ...p, at: approvedAt.get(id) ?? null }] : [];
        })
      : [],
    linksUsed: links.flatMap((l) => (l.usedAt ? [{ action: l.action, recipient: l.recipient, usedAt: l.usedAt }] : [])),
  };
}
