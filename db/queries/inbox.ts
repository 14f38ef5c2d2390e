import { and, asc, desc, eq, gte, isNotNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { db } from "../index";
import type { Role as UserRole } from "@/domain/roles";
import { AMOUNT_NONE, tasks, type Task } from "../schema";
import type { TaskType } from "@/domain/task-types";
import { selectInboxItems, toInboxItem, type InboxItem } from "./tasks";

export type InboxScope = { id: string; role: UserRole };

/**
 * What the inbox lists. `queue` is the user's role's queue (every queue for admins); `mine` what they hold. A
 * non-admin can only hold tasks of their own role (claims and hand-overs keep to it, escalation releases), so the
 * queue is exactly the role's rows and pages through one index.
 */
export type InboxFilter = {
  view: "queue" | "mine";
  status: Task["status"];
  type?: TaskType | undefined;
  vendorId?: string | undefined;
  createdBefore?: Date | undefined;
  amount?: { currency: string; minMinor?: number | undefined; maxMinor?: number | undefined } | undefined;
};

export const inboxSorts = ["oldest", "newest", "due", "amount"] as const;
export type InboxSort = (typeof inboxSorts)[number];

/** Where a page ends: the sort key of its last row, exactly as Postgres holds it, and the row's id. */
export type InboxCursor = { key: string; id: string };

const amountKey = sql`coalesce(${tasks.amountMinor}, ${AMOUNT_NONE})`;

function inboxWhere(user: InboxScope, filter: InboxFilter): SQL | undefined {
  return and(
    eq(tasks.status, filter.status),
    filter.view === "mine"
      ? eq(tasks.assigneeId, user.id)
      : user.role === "admin"
        ? undefined
        : eq(tasks.assignedRole, user.role),
    filter.type ? eq(tasks.type, filter.type) : undefined,
    filter.vendorId ? eq(tasks.vendorId, filter.vendorId) : undefined,
    filter.createdBefore ? lt(tasks.createdAt, filter.createdBefore) : undefined,
    filter.amount ? eq(tasks.currency, filter.amount.currency) : undefined,
    // Bounds on the amount sort's own key, so the amount index serves them as a range.
    filter.amount?.minMinor !== undefined ? gte(amountKey, filter.amount.minMinor) : undefined,
    filter.amount?.maxMinor !== undefined
      ? and(lte(amountKey, filter.amount.maxMinor), isNotNull(tasks.amountMinor))
      : undefined,
  );
}

const sortKeys = {
  oldest: { key: sql<string>`${tasks.createdAt}::text`, order: [asc(tasks.createdAt), asc(tasks.id)] },
  newest: { key: sql<string>`${tasks.createdAt}::text`, order: [desc(tasks.createdAt), desc(tasks.id)] },
  due: { key: sql<string>`${tasks.deadlineAt}::text`, order: [asc(tasks.deadlineAt), asc(tasks.id)] },
  amount: { key: sql<string>`${amountKey}::text`, order: [sql`${amountKey} desc`, desc(tasks.id)] },
} as const;

/** Rows strictly after the cursor in the sort's order. */
function after(sort: InboxSort, cursor: InboxCursor): SQL {
  switch (sort) {
    case "oldest":
      return sql`(${tasks.createdAt}, ${tasks.id}) > (${cursor.key}::timestamptz, ${cursor.id}::uuid)`;
    case "newest":
      return sql`(${tasks.createdAt}, ${tasks.id}) < (${cursor.key}::timestamptz, ${cursor.id}::uuid)`;
    case "due":
      return sql`(${tasks.deadlineAt}, ${tasks.id}) > (${cursor.key}::timestamptz, ${cursor.id}::uuid)`;
    case "amount":
      return sql`(${amountKey}, ${tasks.id}) < (${cursor.key}::bigint, ${cursor.id}::uuid)`;
  }
}

/** One page of the inbox, keyset-paginated so the thousandth page costs what the first does. */
export async function listInboxTasks(
  user: InboxScope,
  filter: InboxFilter,
  page: { sort?: InboxSort; after?: InboxCursor | undefined; limit?: number } = {},
): Promise<{ items: InboxItem[]; next: InboxCursor | null }> {
  const sort = page.sort ?? "oldest";
  const limit = page.limit ?? 50;
  const { key, order } = sortKeys[sort];
  const rows = await selectInboxItems(key)
    .where(and(inboxWhere(user, filter), page.after ? after(sort, page.after) : undefined))
    .orderBy(...order)
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => toInboxItem(r));
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return { items, next: last ? { key: last.key, id: last.task.id } : null };
}

/** How many tasks match, counted up to `cap`: past it the inbox says "cap+", and the count stays cheap at any size. */
export async function countInboxTasks(user: InboxScope, filter: InboxFilter, cap = 10_000): Promise<number> {
  const capped = db()
    .select({ one: sql`1` })
    .from(tasks)
    .where(inboxWhere(user, filter))
    .limit(cap + 1)
    .as("capped");
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(capped);
  return row?.n ?? 0;
}
