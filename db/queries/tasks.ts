import { and, desc, eq, inArray, like, sql, type SQL } from "drizzle-orm";

import type { DocumentKind } from "@/domain/documents/kinds";
import { db, type Executor } from "../index";
import {
  customers,
  documents,
  outboxEmails,
  tickets,
  taskApprovals,
  tasks,
  users,
  type NewOutboxEvent,
  type NewTask,
  type Task,
} from "../schema";
import type { Role } from "@/domain/roles";
import type { FieldValues } from "@/domain/tasks/edits";
import * as lifecycle from "@/domain/tasks/lifecycle";
import type { ApprovalRequest, Change, ClosedReason, VendorQuery } from "@/domain/tasks/lifecycle";
import { documentIdOf } from "@/domain/tasks/subject";
import { vendorQueryKeyPrefix } from "@/domain/tasks/vendor-query";
import { recordAudit } from "./audit";
import { queueEvent } from "./event-outbox";
import { getLatestExtraction, recordDocumentEvent, saveExtraction } from "./documents";

/** Opens the task a run waits on; a repeated step finds the task it made the first time. */
export async function openTaskForDocument(
  input: Omit<NewTask, "id" | "status" | "createdAt" | "documentId" | "ticketId"> & { documentId: string },
): Promise<Task> {
  return db().transaction(async (tx) => {
    const [created] = await tx.insert(tasks).values(input).onConflictDoNothing().returning();
    if (created) return applyTaskChange(created, lifecycle.opening(created), tx);
    const [existing] = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.documentId, input.documentId), eq(tasks.type, input.type)));
    if (!existing) throw new Error("task vanished between insert and select");
    return existing;
  });
}

export async function getTaskById(id: string, tx: Executor = db()): Promise<Task | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await tx.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

export async function listTasksForDocument(documentId: string, tx: Executor = db()): Promise<Task[]> {
  return tx.select().from(tasks).where(eq(tasks.documentId, documentId)).orderBy(tasks.createdAt);
}

/** Reads a task under its row lock, so the transition asked of the lifecycle is judged on what it changes. */
export async function lockTask(id: string, tx: Executor): Promise<Task | undefined> {
  const [row] = await tx.select().from(tasks).where(eq(tasks.id, id)).for("update");
  return row;
}

/** Applies a transition the lifecycle answered with: the row's columns, then its audit entries and timeline lines. */
export async function applyTaskChange(task: Task, change: Change, tx: Executor): Promise<Task> {
  let row = task;
  if (Object.keys(change.set).length > 0) {
    const [updated] = await tx.update(tasks).set(change.set).where(eq(tasks.id, task.id)).returning();
    if (!updated) throw new Error("task vanished under its lock");
    row = updated;
  }
  for (const entry of change.audit) await recordAudit(entry, tx);
  for (const entry of change.timeline) await recordDocumentEvent(entry, tx);
  return row;
}

/**
 * Expires an open task past its deadline with the safe default's reason, exactly once: a decision that landed
 * first wins, and this changes nothing. Returns the task as it now is.
 */
export async function expireTask(id: string, reason: string): Promise<Task | undefined> {
  return db().transaction(async (tx) => {
    const task = await lockTask(id, tx);
    if (!task) return undefined;
    const change = lifecycle.expiry(task, reason, new Date());
    return change.ok ? applyTaskChange(task, change, tx) : task;
  });
}

export type ResolveResult = { ok: true; task: Task } | { ok: false; reason: "not_found" | ClosedReason; task?: Task };

/**
 * The one state change of a decision that needs one person, with who, which action and its parameters, an audit
 * entry and the run's wake-up, in one transaction.
 */
export async function resolveTask(
  input: {
    taskId: string;
    actor: { id: string; label: string };
    action: string;
    parameters: Record<string, unknown>;
    decided?: Partial<FieldValues>;
    /** The event that wakes the run, written with the decision and sent after the commit. */
    wake?: NewOutboxEvent;
  },
  executor: Executor = db(),
): Promise<ResolveResult> {
  return executor.transaction(async (tx) => {
    const task = await lockTask(input.taskId, tx);
    if (!task) return { ok: false, reason: "not_found" } as const;
    const change = lifecycle.resolution(task, input, new Date());
    if (!change.ok) return { ok: false, reason: change.reason, task } as const;
    const resolved = await applyTaskChange(task, change, tx);
    if (input.wake) await queueEvent(input.wake, tx);
    return { ok: true, task: resolved } as const;
  });
}

/**
 * A task with what the inbox shows of its subject: the document's file and vendor, or the ticket's subject and
 * customer. `uploadedBy` is whoever brought the subject in — the uploader, or the person who typed the ticket in —
 * since nobody approves what they brought in themselves.
 */
export type InboxItem = Task & {
  filename: string | null;
  documentKind: DocumentKind | null;
  vendorName: string | null;
  uploadedBy: string | null;
  ticketSubject: string | null;
  customerEmail: string | null;
};

/** What an inbox item reads of its document or ticket beside the task, for the inbox and the task page alike. */
export const inboxItemColumns = {
  task: tasks,
  filename: documents.filename,
  documentKind: documents.kind,
  vendorName: documents.vendorName,
  uploadedBy: sql<string | null>`coalesce(${documents.uploadedBy}, ${tickets.createdBy})`,
  ticketSubject: tickets.subject,
  customerEmail: customers.email,
};

/**
 * Tasks with their subject beside them, and `key` (the inbox's sort key): each task has a document or a ticket, so
 * one of the joins finds a row.
 */
export function selectInboxItems(key: SQL<string> = sql<string>`''`, tx: Executor = db()) {
  return tx
    .select({ ...inboxItemColumns, key })
    .from(tasks)
    .leftJoin(documents, eq(documents.id, tasks.documentId))
    .leftJoin(tickets, eq(tickets.id, tasks.ticketId))
    .leftJoin(customers, eq(customers.id, tickets.customerId));
}

export function toInboxItem({
  task,
  key: _key,
  ...subject
}: { task: Task; key: string } & Omit<InboxItem, keyof Task>): InboxItem {
  return { ...task, ...subject };
}

export async function getInboxTask(id: string): Promise<InboxItem | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await selectInboxItems().where(eq(tasks.id, id));
  return row ? toInboxItem(row) : undefined;
}

export type AssignResult =
  { ok: true; task: Task } | { ok: false; reason: "not_open" | "claimed_by_other"; task?: Task };

/** Claims an open task for `to`, releases it (`to: null`) or hands it over, as the lifecycle allows; audited. */
export async function assignTask(input: {
  taskId: string;
  actor: { id: string; label: string };
  to: string | null;
  force?: boolean;
}): Promise<AssignResult> {
  return db().transaction(async (tx) => {
    const task = await lockTask(input.taskId, tx);
    if (!task) return { ok: false, reason: "not_open" } as const;
    const change = lifecycle.assignment(task, input);
    if (!change.ok) return { ok: false, reason: change.reason, task } as const;
    return { ok: true, task: await applyTaskChange(task, change, tx) } as const;
  });
}

/** People a task's reminder goes to: its holder, or everyone in its role. */
export async function taskRecipients(
  task: Pick<Task, "assigneeId" | "assignedRole">,
): Promise<{ id: string; email: string }[]> {
  const rows = await db()
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(task.assigneeId ? eq(users.id, task.assigneeId) : eq(users.role, task.assignedRole));
  return rows;
}

/** Widens an open task to another role, releasing any claim; audited. Returns the task as it now is. */
export async function escalateTask(taskId: string, toRole: Role): Promise<Task | undefined> {
  return db().transaction(async (tx) => {
    const task = await lockTask(taskId, tx);
    if (!task) return undefined;
    const change = lifecycle.escalation(task, toRole);
    return change.ok ? applyTaskChange(task, change, tx) : task;
  });
}

export type ApproveResult =
  | { ok: true; resolved: true; task: Task }
  | { ok: true; resolved: false; approvals: number; required: number; task: Task }
  | { ok: false; reason: "not_found" | ClosedReason | "already_approved_by_you"; task?: Task }
  | { ok: false; reason: "stale"; task: Task; editedBy: string | null };

/**
 * Records an approval as the lifecycle judges it (`lifecycle.approval`: four eyes, stale fields, edits voiding
 * approvals). The task row is locked first, so two approvals at once are counted one after the other, and the
 * approvals are read under that lock.
 */
export async function approveTask(
  input: ApprovalRequest & {
    taskId: string;
    /** The event that wakes the run once the task resolves, written with the resolution. */
    wake?: NewOutboxEvent;
  },
): Promise<ApproveResult> {
  return db().transaction(async (tx) => {
    const task = await lockTask(input.taskId, tx);
    if (!task) return { ok: false, reason: "not_found" } as const;
    const latest = task.documentId === null ? undefined : await getLatestExtraction(task.documentId, tx);
    const approvedBy = await listTaskApprovers(task.id, tx);
    const change = lifecycle.approval(task, input, { latest: latest ?? null, approvedBy }, new Date());
    if (!change.ok) return change.reason === "stale" ? { ...change, task } : { ok: false, reason: change.reason, task };
    if (input.edit) await saveExtraction(documentIdOf(task), input.edit.extraction, tx);
    if (change.voided.length > 0)
      await tx
        .delete(taskApprovals)
        .where(and(eq(taskApprovals.taskId, task.id), inArray(taskApprovals.userId, change.voided)));
    if (change.approves) await tx.insert(taskApprovals).values({ taskId: task.id, userId: input.actor.id });
    const current = await applyTaskChange(task, change, tx);
    if (!change.resolved)
      return {
        ok: true,
        resolved: false,
        approvals: input.saveOnly ? 0 : change.approvers.length,
        required: input.required,
        task: current,
      } as const;
    if (input.wake) await queueEvent(input.wake, tx);
    return { ok: true, resolved: true, task: current } as const;
  });
}

/** Who has approved a task, oldest first. */
export async function listTaskApprovers(taskId: string, tx: Executor = db()): Promise<string[]> {
  const rows = await tx
    .select({ userId: taskApprovals.userId })
    .from(taskApprovals)
    .where(eq(taskApprovals.taskId, taskId))
    .orderBy(taskApprovals.at);
  return rows.map((r) => r.userId);
}

/**
 * Queues a question to the vendor about an open task's document with its audit entry and timeline line, in one
 * transaction; an email whose idempotency key is queued already changes nothing.
 */
export async function askVendorAboutTask(input: {
  taskId: string;
  actor: { id: string; label: string };
  email: VendorQuery & { idempotencyKey: string };
}): Promise<{ ok: true; queued: boolean } | { ok: false; task?: Task }> {
  return db().transaction(async (tx) => {
    const task = await lockTask(input.taskId, tx);
    if (!task) return { ok: false } as const;
    const change = lifecycle.vendorQuestion(task, input.actor, input.email);
    if (!change.ok) return { ok: false, task } as const;
    const queued = await tx
      .insert(outboxEmails)
      .values({ ...input.email, documentId: task.documentId })
      .onConflictDoNothing()
      .returning({ id: outboxEmails.id });
    if (queued.length > 0) await applyTaskChange(task, change, tx);
    return { ok: true, queued: queued.length > 0 } as const;
  });
}

/** The questions sent to the vendor about a task, newest first. */
export async function listVendorQueries(taskId: string) {
  return db()
    .select()
    .from(outboxEmails)
    .where(like(outboxEmails.idempotencyKey, `${vendorQueryKeyPrefix(taskId)}%`))
    .orderBy(desc(outboxEmails.createdAt));
}
