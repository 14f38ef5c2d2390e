import { sql } from "drizzle-orm";
import {
  bigint,
  char,
  check,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { TaskProposal } from "@/domain/tasks/edits";
import type { TaskType } from "@/domain/task-types";
import type { FieldValues } from "@/domain/tasks/edits";
import { taskStatuses } from "@/domain/tasks/lifecycle";
import { ownedBy } from "./columns";
import { documents } from "./documents";
import { outboxEmails } from "./ledger";
import { tickets } from "./tickets";
import { userRole, users } from "./users";
import { vendors } from "./vendors";

/** Where a task without an amount sorts among amounts: below every bigint, so last when largest come first. */
export const AMOUNT_NONE = sql.raw("(-9223372036854775807 - 1)");

export { taskStatuses };
export const taskStatus = pgEnum("task_status", taskStatuses);

/**
 * A decision a person owes a run: the inbox item, the wait the run blocks on and, once resolved, the decision
 * record (who, when, which action, its parameters, proposed vs decided).
 */
export const tasks = pgTable(
  "tasks",
  {
    id: uuid().primaryKey().defaultRandom(),
    // A task decides exactly one subject: a document's run or a ticket's (tasks_one_subject).
    documentId: uuid().references(() => documents.id, { onDelete: "cascade" }),
    ticketId: uuid().references(() => tickets.id, { onDelete: "cascade" }),
    type: text().$type<TaskType>().notNull(),
    status: taskStatus().notNull().default("open"),
    title: text().notNull(),
    description: text().notNull(),
    reasons: jsonb().$type<string[]>().notNull(),
    proposed: jsonb().$type<TaskProposal>().notNull(),
    assignedRole: userRole().notNull(),
    assigneeId: uuid().references(() => users.id, { onDelete: "set null" }),
    // Copied from the document when the task opens, so the inbox filters by vendor without a join.
    vendorId: uuid().references(() => vendors.id, { onDelete: "set null" }),
    amountMinor: bigint({ mode: "number" }),
    currency: char({ length: 3 }),
    deadlineAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    action: text(),
    parameters: jsonb().$type<Record<string, unknown>>(),
    decided: jsonb().$type<Partial<FieldValues>>(),
  },
  (t) => [
    index("tasks_status_created_idx").on(t.status, t.createdAt, t.id),
    // The inbox's keyset pages, one index per sort, each led by the queue it pages through.
    index("tasks_queue_created_idx").on(t.status, t.assignedRole, t.createdAt, t.id),
    index("tasks_queue_type_created_idx").on(t.status, t.assignedRole, t.type, t.createdAt, t.id),
    index("tasks_queue_deadline_idx").on(t.status, t.assignedRole, t.deadlineAt, t.id),
    // Largest first with tasks without an amount last: one ascending key, read backwards, keeps the keyset a range.
    index("tasks_queue_amount_idx").on(t.status, t.assignedRole, sql`coalesce(${t.amountMinor}, ${AMOUNT_NONE})`, t.id),
    index("tasks_vendor_idx").on(t.vendorId, t.status, t.createdAt, t.id),
    // A run that re-executes its create-task step finds the task it already made.
    uniqueIndex("tasks_document_type_key").on(t.documentId, t.type),
    uniqueIndex("tasks_ticket_type_key").on(t.ticketId, t.type),
    index("tasks_ticket_idx").on(t.ticketId),
    check("tasks_one_subject", sql`(${t.documentId} is null) <> (${t.ticketId} is null)`),
    index("tasks_assignee_idx").on(t.assigneeId, t.status),
    // The monitor's backlog at a past moment: the tasks closed since then.
    index("tasks_resolved_idx")
      .on(t.resolvedAt)
      .where(sql`${t.resolvedAt} is not null`),
  ],
);

export type Task = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;

/** Approvals given on a task that needs more than one (four eyes): one row per distinct approver. */
export const taskApprovals = pgTable(
  "task_approvals",
  {
    taskId: ownedBy(() => tasks.id),
    userId: ownedBy(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "task_approvals_pkey", columns: [t.taskId, t.userId] })],
);

export type TaskApproval = typeof taskApprovals.$inferSelect;

/** A link and each token minted for it grant the same thing: one action on one task, to one recipient. */
function grant() {
  return {
    taskId: ownedBy(() => tasks.id),
    action: text().notNull(),
    recipientId: ownedBy(() => users.id),
  };
}

/**
 * An action link a queued email will carry: what it may do and for whom, but no token. The token is minted when
 * the email is handed to SMTP and exists in plaintext only in that message, so neither the outbox nor anyone who
 * reads it (Settings → Mailbox) holds a usable link.
 */
export const taskActionLinks = pgTable(
  "task_action_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    emailId: ownedBy(() => outboxEmails.id),
    ...grant(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("task_action_links_email_action_key").on(t.emailId, t.action),
    index("task_action_links_task_idx").on(t.taskId),
  ],
);

export type TaskActionLink = typeof taskActionLinks.$inferSelect;

/**
 * Single-use links in task emails: only a SHA-256 of the token is stored, bound to one task, one action and one
 * recipient, with an expiry. Opening the link never acts; only the confirmation posted from its page does. Each
 * delivery attempt of an email mints its own tokens for the same link (`linkId`), so a message sent twice after a
 * crash works from either copy, and using one uses them all.
 */
export const taskActionTokens = pgTable(
  "task_action_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull(),
    ...grant(),
    linkId: uuid().references(() => taskActionLinks.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("task_action_tokens_hash_key").on(t.tokenHash),
    index("task_action_tokens_task_idx").on(t.taskId),
    index("task_action_tokens_link_idx").on(t.linkId),
  ],
);

export type TaskActionToken = typeof taskActionTokens.$inferSelect;
