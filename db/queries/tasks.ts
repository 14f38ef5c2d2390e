import { createHash } from "node:crypto";
import { and, desc, eq, like, ne } from "drizzle-orm";
import { db, type Executor } from "../index";
import { documents, outboxEmails, taskApprovals, tasks, users, type NewOutboxEvent, type NewTask, type Task } from "../schema";
import type { Extraction } from "@/domain/documents/types";
import type { Role as UserRole } from "@/domain/roles";
import { recordAudit, systemActor } from "./audit";
import { queueEvent } from "./event-outbox";
import { getLatestExtraction, recordDocumentEvent, saveExtraction } from "./documents";

/** Opens the task a run waits on; a repeated step finds the task it made the first time. */
export async function openTaskForDocument(input: Omit<NewTask, "id" | "status" | "createdAt">): Promise<Task> {
  return db().transaction(async (tx) => {
    const [created] = await tx.insert(tasks).values(input).onConflictDoNothing().returning();
    if (created) {
      await recordDocumentEvent(
        { documentId: created.documentId, kind: "task_opened", label: `Task opened: ${created.title}`, data: { taskId: created.id, type: created.type }, dedupeKey: `task:${created.id}` },
        tx,
      );
      await recordAudit(
        { actor: systemActor("pipeline"), action: "task.opened", subjectType: "task", subjectId: created.id, correlationId: created.documentId, after: { type: created.type, reasons: created.reasons } },
        tx,
      );
      return created;
    }
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

/**
 * Expires an open task past its deadline with the safe default's reason, exactly once: a decision that landed
 * first wins, and this changes nothing.
 */
export async function expireTask(id: string, reason: string): Promise<Task | undefined> {
  return db().transaction(async (tx) => {
    const [expired] = await tx
      .update(tasks)
      .set({ status: "expired", resolvedAt: new Date(), action: "expire", parameters: { reason } })
      .where(and(eq(tasks.id, id), eq(tasks.status, "open")))
      .returning();
    if (expired) {
      await recordAudit(
        { actor: systemActor("deadline"), action: "task.expired", subjectType: "task", subjectId: id, correlationId: expired.documentId, after: { reason } },
        tx,
      );
    }
    const [current] = await tx.select().from(tasks).where(eq(tasks.id, id));
    return current;
  });
}

export type ResolveResult =
  | { ok: true; task: Task }
  | { ok: false; reason: "not_found" | "already_resolved" | "expired" | "cancelled"; task?: Task };

/**
 * The one state change of a decision: open → resolved, exactly once, with who, which action and its parameters,
 * and an audit entry, in one transaction. Whoever comes second learns what happened instead.
 */
export async function resolveTask(input: {
  taskId: string;
  actor: { id: string; label: string };
  action: string;
  parameters: Record<string, unknown>;
  decided?: unknown;
  /** The event that wakes the run, written with the decision and sent after the commit. */
  wake?: NewOutboxEvent;
}, executor: Executor = db()): Promise<ResolveResult> {
  return executor.transaction(async (tx) => {
    const [resolved] = await tx
      .update(tasks)
      .set({
        status: "resolved",
        resolvedAt: new Date(),
        resolvedBy: input.actor.id,
        action: input.action,
        parameters: input.parameters,
        decided: input.decided ?? null,
      })
      .where(and(eq(tasks.id, input.taskId), eq(tasks.status, "open")))
      .returning();
    if (resolved) {
      await recordAudit(
        {
          actor: input.actor,
          action: `task.${input.action}`,
          subjectType: "task",
          subjectId: resolved.id,
          correlationId: resolved.documentId,
          before: { status: "open" },
          after: { status: "resolved", action: input.action, parameters: input.parameters },
        },
        tx,
      );
      await recordDocumentEvent(
        { documentId: resolved.documentId, kind: "decision", label: `${input.actor.label} chose ${input.action}: ${resolved.title}`, data: { taskId: resolved.id, parameters: input.parameters }, dedupeKey: `decision:${resolved.id}` },
        tx,
      );
      if (input.wake) await queueEvent(input.wake, tx);
      return { ok: true, task: resolved } as const;
    }
    const [current] = await tx.select().from(tasks).where(eq(tasks.id, input.taskId));
    if (!current) return { ok: false, reason: "not_found" } as const;
    const reason = current.status === "resolved" ? "already_resolved" : current.status === "expired" ? "expired" : "cancelled";
    return { ok: false, reason, task: current } as const;
  });
}

export type InboxItem = Task & { filename: string; vendorName: string | null; uploadedBy: string | null };

export async function getInboxTask(id: string): Promise<InboxItem | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db()
    .select({ task: tasks, filename: documents.filename, vendorName: documents.vendorName, uploadedBy: documents.uploadedBy })
    .from(tasks)
    .innerJoin(documents, eq(documents.id, tasks.documentId))
    .where(eq(tasks.id, id));
  return row ? { ...row.task, filename: row.filename, vendorName: row.vendorName, uploadedBy: row.uploadedBy } : undefined;
}

/** A task is in a user's inbox when it is their role's or assigned to them; admins see every queue. */
export function isVisibleTo(task: Pick<Task, "assignedRole" | "assigneeId">, user: { id: string; role: UserRole }): boolean {
  return user.role === "admin" || task.assignedRole === user.role || task.assigneeId === user.id;
}

export type AssignResult = { ok: true; task: Task } | { ok: false; reason: "not_open" | "claimed_by_other"; task?: Task };

/**
 * Claims an open task for `user`, or releases it (`to: null`), or (for admins) hands it to someone else; audited.
 * A claim only succeeds on an unclaimed task or one the user already holds, so two people cannot both hold it.
 */
export async function assignTask(input: {
  taskId: string;
  actor: { id: string; label: string };
  to: string | null;
  force?: boolean;
}): Promise<AssignResult> {
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(tasks).where(eq(tasks.id, input.taskId)).for("update");
    if (!before || before.status !== "open") return { ok: false, reason: "not_open", ...(before ? { task: before } : {}) } as const;
    const holder = before.assigneeId;
    if (!input.force && holder !== null && holder !== input.actor.id) return { ok: false, reason: "claimed_by_other", task: before } as const;
    const [after] = await tx.update(tasks).set({ assigneeId: input.to }).where(eq(tasks.id, input.taskId)).returning();
    if (!after) return { ok: false, reason: "not_open" } as const;
    const action = input.to === null ? "task.released" : input.to === input.actor.id ? "task.claimed" : "task.reassigned";
    await recordAudit(
      { actor: input.actor, action, subjectType: "task", subjectId: after.id, correlationId: after.documentId, before: { assigneeId: holder }, after: { assigneeId: input.to } },
      tx,
    );
    await recordDocumentEvent({ documentId: after.documentId, kind: "assignment", label: `${input.actor.label}: ${action.replace("task.", "")}` }, tx);
    return { ok: true, task: after } as const;
  });
}

/** People a task's reminder goes to: its holder, or everyone in its role. */
export async function taskRecipients(task: Pick<Task, "assigneeId" | "assignedRole">): Promise<{ id: string; email: string }[]> {
  const rows = await db()
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(task.assigneeId ? eq(users.id, task.assigneeId) : eq(users.role, task.assignedRole));
  return rows;
}

/** Queues one email per recipient in the outbox, each once however often the step runs. */
export async function queueTaskEmails(task: Task, kind: string, recipients: { id: string; email: string }[], subject: string, body: string): Promise<number> {
  if (recipients.length === 0) return 0;
  const rows = await db()
    .insert(outboxEmails)
    .values(recipients.map((r) => ({ idempotencyKey: `${kind}:${task.id}:${r.id}`, documentId: task.documentId, to: r.email, subject, body })))
    .onConflictDoNothing()
    .returning({ id: outboxEmails.id });
  return rows.length;
}

/** Widens an open task to another role, releasing any claim; audited. Returns the task as it now is. */
export async function escalateTask(taskId: string, toRole: Task["assignedRole"]): Promise<Task | undefined> {
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for("update");
    if (!before || before.status !== "open" || before.assignedRole === toRole) return before;
    const [after] = await tx.update(tasks).set({ assignedRole: toRole, assigneeId: null }).where(eq(tasks.id, taskId)).returning();
    await recordAudit(
      { actor: systemActor("deadline"), action: "task.escalated", subjectType: "task", subjectId: taskId, correlationId: before.documentId, before: { assignedRole: before.assignedRole, assigneeId: before.assigneeId }, after: { assignedRole: toRole } },
      tx,
    );
    return after;
  });
}

export type ApproveResult =
  | { ok: true; resolved: true; task: Task }
  | { ok: true; resolved: false; approvals: number; required: number; task: Task }
  | { ok: false; reason: "not_found" | "already_resolved" | "expired" | "cancelled" | "already_approved_by_you"; task?: Task }
  | { ok: false; reason: "stale"; task: Task; editedBy: string | null };

/** A person's corrections, applied with their approval: the corrected extraction and what it changes on the task. */
export type TaskEdit = {
  extraction: Extraction;
  changes: unknown[];
  title: string;
  amountMinor: number | null;
  currency: string | null;
};

/**
 * Records an approval; the task resolves once `required` distinct people have approved (four eyes above the
 * threshold). Locks the task row, so two approvals at once are counted one after the other. The approver saw
 * `seenExtractionId`: if the fields changed since, nothing happens and they are told to look again. An edit saves
 * the corrected extraction and voids earlier approvals, which were given to other values.
 */
export async function approveTask(input: {
  taskId: string;
  actor: { id: string; label: string };
  required: number;
  seenExtractionId: string | null;
  edit?: TaskEdit;
  record: { action: string; parameters: Record<string, unknown>; decided: unknown };
  /** Saves `edit` without approving, voiding every approval: whoever corrects a spending task may not approve it. */
  saveOnly?: boolean;
  /** Recorded with this person's approval (the exchange rate their limit was judged at). */
  approval?: Record<string, unknown>;
  /** The event that wakes the run once the task resolves, written with the resolution. */
  wake?: NewOutboxEvent;
}): Promise<ApproveResult> {
  return db().transaction(async (tx) => {
    const [task] = await tx.select().from(tasks).where(eq(tasks.id, input.taskId)).for("update");
    if (!task) return { ok: false, reason: "not_found" } as const;
    if (task.status !== "open") {
      return { ok: false, reason: task.status === "resolved" ? "already_resolved" : task.status === "expired" ? "expired" : "cancelled", task } as const;
    }
    const latest = await getLatestExtraction(task.documentId, tx);
    if (input.seenExtractionId !== null && latest && latest.id !== input.seenExtractionId) {
      return { ok: false, reason: "stale", task, editedBy: latest.provider.startsWith("person:") ? latest.provider.slice("person:".length) : null } as const;
    }
    let current = task;
    if (input.edit) {
      await saveExtraction(task.documentId, input.edit.extraction, tx);
      const [edited] = await tx
        .update(tasks)
        .set({ title: input.edit.title, amountMinor: input.edit.amountMinor, currency: input.edit.currency })
        .where(eq(tasks.id, task.id))
        .returning();
      if (!edited) throw new Error("task vanished under its lock");
      current = edited;
      const voided = await tx.delete(taskApprovals).where(input.saveOnly ? eq(taskApprovals.taskId, task.id) : and(eq(taskApprovals.taskId, task.id), ne(taskApprovals.userId, input.actor.id))).returning();
      await recordAudit(
        { actor: input.actor, action: "task.fields_edited", subjectType: "task", subjectId: task.id, correlationId: task.documentId, before: { amountMinor: task.amountMinor, currency: task.currency }, after: { changes: input.edit.changes, voidedApprovals: voided.map((v) => v.userId) } },
        tx,
      );
      await recordDocumentEvent(
        { documentId: task.documentId, kind: "decision", label: `${input.actor.label} corrected ${String(input.edit.changes.length)} field(s)${voided.length ? "; earlier approvals voided" : ""}`, data: { taskId: task.id, changes: input.edit.changes } },
        tx,
      );
    }
    if (input.saveOnly) return { ok: true, resolved: false, approvals: 0, required: input.required, task: current } as const;
    const inserted = await tx.insert(taskApprovals).values({ taskId: task.id, userId: input.actor.id }).onConflictDoNothing().returning();
    if (inserted.length === 0 && !input.edit) return { ok: false, reason: "already_approved_by_you", task } as const;
    const approvers = await tx.select({ userId: taskApprovals.userId }).from(taskApprovals).where(eq(taskApprovals.taskId, task.id)).orderBy(taskApprovals.at);
    await recordAudit(
      { actor: input.actor, action: "task.approval_given", subjectType: "task", subjectId: task.id, correlationId: task.documentId, after: { approvals: approvers.length, required: input.required, ...input.approval } },
      tx,
    );
    if (approvers.length < input.required) {
      await recordDocumentEvent(
        { documentId: task.documentId, kind: "decision", label: `${input.actor.label} approved (${String(approvers.length)} of ${String(input.required)}); waiting for a second approver`, dedupeKey: `approval:${task.id}:${input.actor.id}:${latest?.id ?? ""}` },
        tx,
      );
      return { ok: true, resolved: false, approvals: approvers.length, required: input.required, task: current } as const;
    }
    const parameters = { ...input.record.parameters, approvers: approvers.map((a) => a.userId) };
    const [resolved] = await tx
      .update(tasks)
      .set({ status: "resolved", resolvedAt: new Date(), resolvedBy: input.actor.id, action: input.record.action, parameters, decided: input.record.decided })
      .where(eq(tasks.id, task.id))
      .returning();
    if (!resolved) throw new Error("task vanished under its lock");
    await recordAudit(
      { actor: input.actor, action: `task.${input.record.action}`, subjectType: "task", subjectId: task.id, correlationId: task.documentId, before: { status: "open", proposed: task.proposed }, after: { status: "resolved", action: input.record.action, parameters, decided: input.record.decided } },
      tx,
    );
    await recordDocumentEvent(
      { documentId: task.documentId, kind: "decision", label: `${input.actor.label} chose ${input.record.action.replaceAll("_", " ")}: ${resolved.title}`, data: { taskId: task.id, parameters }, dedupeKey: `decision:${task.id}` },
      tx,
    );
    if (input.wake) await queueEvent(input.wake, tx);
    return { ok: true, resolved: true, task: resolved } as const;
  });
}

export async function listTaskApprovers(taskId: string): Promise<string[]> {
  const rows = await db().select({ userId: taskApprovals.userId }).from(taskApprovals).where(eq(taskApprovals.taskId, taskId)).orderBy(taskApprovals.at);
  return rows.map((r) => r.userId);
}

export type VendorQuery = { to: string; subject: string; body: string };

/**
 * Sends the vendor a question about an open task's document: the email is queued in the outbox with the audit entry
 * and the timeline event, in one transaction, once per distinct message however often it is submitted. The task
 * stays open: the answer is the vendor's, the decision still a person's.
 */
export async function askVendorAboutTask(input: { taskId: string; actor: { id: string; label: string }; query: VendorQuery }): Promise<{ ok: true; queued: boolean } | { ok: false; task?: Task }> {
  return db().transaction(async (tx) => {
    const [task] = await tx.select().from(tasks).where(eq(tasks.id, input.taskId)).for("update");
    if (!task || task.status !== "open") return { ok: false, ...(task ? { task } : {}) } as const;
    const digest = createHash("sha256").update(`${input.query.to}\n${input.query.subject}\n${input.query.body}`).digest("hex").slice(0, 16);
    const queued = await tx
      .insert(outboxEmails)
      .values({ idempotencyKey: `${vendorQueryKey(task.id)}${digest}`, documentId: task.documentId, ...input.query })
      .onConflictDoNothing()
      .returning({ id: outboxEmails.id });
    if (queued.length > 0) {
      await recordAudit(
        { actor: input.actor, action: "task.vendor_asked", subjectType: "task", subjectId: task.id, correlationId: task.documentId, after: { to: input.query.to, subject: input.query.subject } },
        tx,
      );
      await recordDocumentEvent(
        { documentId: task.documentId, kind: "vendor_query", label: `${input.actor.label} asked the vendor (${input.query.to}): ${input.query.subject}`, data: { taskId: task.id } },
        tx,
      );
    }
    return { ok: true, queued: queued.length > 0 } as const;
  });
}

const vendorQueryKey = (taskId: string) => `ask-vendor:${taskId}:`;

/** The questions sent to the vendor about a task, newest first. */
export async function listVendorQueries(taskId: string) {
  return db()
    .select()
    .from(outboxEmails)
    .where(like(outboxEmails.idempotencyKey, `${vendorQueryKey(taskId)}%`))
    .orderBy(desc(outboxEmails.createdAt));
}
