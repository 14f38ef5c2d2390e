import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "../index";
import { customers, orders, type Customer, type Order } from "../schema";
import type { CustomerRow, Numbered, OrderRow } from "@/domain/tickets/import";
import { recordAudit, type Actor } from "./audit";

// Batches keep each statement well under PostgreSQL's limit of 65,535 parameters.
const batch = 1000;

// xmax is 0 on a freshly inserted row and set on one the conflict updated.
const wasInserted = { inserted: sql<boolean>`(xmax = 0)` };

/**
 * Upserts `rows` a batch at a time inside `tx` and records one audit entry for the import: how many were new, how
 * many updated, and the first hundred keys.
 */
async function upsertInBatches<T>(
  tx: Executor,
  rows: readonly T[],
  write: (slice: T[]) => Promise<{ inserted: boolean }[]>,
  audit: { actor: Actor; subject: "customers" | "orders"; key: (row: T) => string },
): Promise<{ added: number; updated: number }> {
  let added = 0;
  for (let i = 0; i < rows.length; i += batch)
    added += (await write(rows.slice(i, i + batch))).filter((r) => r.inserted).length;
  const updated = rows.length - added;
  await recordAudit(
    {
      actor: audit.actor,
      action: `${audit.subject}.imported`,
      subjectType: audit.subject,
      subjectId: "import",
      after: { added, updated, [audit.subject]: rows.slice(0, 100).map(audit.key) },
    },
    tx,
  );
  return { added, updated };
}

export async function getCustomerByEmail(email: string, tx: Executor = db()): Promise<Customer | undefined> {
  const [row] = await tx.select().from(customers).where(eq(customers.email, email.trim().toLowerCase())).limit(1);
  return row;
}

export async function getCustomerById(id: string, tx: Executor = db()): Promise<Customer | undefined> {
  const [row] = await tx.select().from(customers).where(eq(customers.id, id)).limit(1);
  return row;
}

/**
 * The customer with this address, made on first contact: a ticket from someone Keel has never seen still needs a
 * customer. A name already on file is kept; the one a message carries is only a display name anyone can type.
 */
export async function findOrCreateCustomer(
  input: { email: string; name: string },
  tx: Executor = db(),
): Promise<Customer> {
  const email = input.email.trim().toLowerCase();
  const [created] = await tx
    .insert(customers)
    .values({ email, name: input.name.trim() || email })
    .onConflictDoNothing({ target: customers.email })
    .returning();
  if (created) return created;
  const existing = await getCustomerByEmail(email, tx);
  if (!existing) throw new Error(`customer ${email} vanished between insert and select`);
  return existing;
}

/** Saves customers in one transaction, all or none, with one audit entry; a known email gets the new name. */
export async function upsertCustomers(
  rows: readonly CustomerRow[],
  actor: Actor,
): Promise<{ added: number; updated: number }> {
  return db().transaction((tx) =>
    upsertInBatches(
      tx,
      rows,
      (slice) =>
        tx
          .insert(customers)
          .values(slice.map((r) => ({ email: r.email, name: r.name })))
          .onConflictDoUpdate({ target: customers.email, set: { name: sql`excluded.name` } })
          .returning(wasInserted),
      { actor, subject: "customers", key: (r) => r.email },
    ),
  );
}

export type OrderImport =
  { ok: true; added: number; updated: number } | { ok: false; unknownCustomers: { line: number; email: string }[] };

/**
 * Saves orders in one transaction, all or none, with one audit entry; a known reference is replaced. Each order's
 * customer must be on file already: the lines naming one that is not are returned and nothing is written.
 */
export async function upsertOrders(rows: readonly Numbered<OrderRow>[], actor: Actor): Promise<OrderImport> {
  return db().transaction(async (tx) => {
    const emails = [...new Set(rows.map((r) => r.customerEmail))];
    const ids = new Map<string, string>();
    for (let i = 0; i < emails.length; i += batch) {
      const found = await tx
        .select({ id: customers.id, email: customers.email })
        .from(customers)
        .where(inArray(customers.email, emails.slice(i, i + batch)));
      for (const c of found) ids.set(c.email, c.id);
    }
    const unknownCustomers = rows
      .filter((r) => !ids.has(r.customerEmail))
      .map((r) => ({ line: r.line, email: r.customerEmail }));
    if (unknownCustomers.length > 0) return { ok: false, unknownCustomers };
    const saved = await upsertInBatches(
      tx,
      rows,
      (slice) =>
        tx
          .insert(orders)
          .values(
            slice.map((r) => ({
              reference: r.reference,
              customerId: ids.get(r.customerEmail) ?? "",
              currency: r.currency,
              totalMinor: r.totalMinor,
              paidAt: r.paidAt,
              status: r.status,
            })),
          )
          .onConflictDoUpdate({
            target: orders.reference,
            set: {
              customerId: sql`excluded.customer_id`,
              currency: sql`excluded.currency`,
              totalMinor: sql`excluded.total_minor`,
              paidAt: sql`excluded.paid_at`,
              status: sql`excluded.status`,
            },
          })
          .returning(wasInserted),
      { actor, subject: "orders", key: (r) => r.reference },
    );
    return { ok: true, ...saved };
  });
}

/**
 * Adds the orders whose reference is not on file and leaves the rest as they are (the seed's way: an admin's
 * changes to a demo order survive a restart). Each customer must exist. Returns how many it added.
 */
export async function addMissingOrders(
  rows: readonly (Omit<OrderRow, "customerEmail"> & { customerId: string })[],
  tx: Executor = db(),
): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await tx
    .insert(orders)
    .values([...rows])
    .onConflictDoNothing({ target: orders.reference })
    .returning({ id: orders.id });
  return added.length;
}

export async function getOrderByReference(reference: string, tx: Executor = db()): Promise<Order | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.reference, reference.trim())).limit(1);
  return row;
}

/** The order with this reference when it is this customer's: another customer's reference is no order of theirs. */
export async function getCustomerOrderByReference(
  customerId: string,
  reference: string,
  tx: Executor = db(),
): Promise<Order | undefined> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.reference, reference.trim()), eq(orders.customerId, customerId)))
    .limit(1);
  return row;
}

export async function getOrderById(id: string, tx: Executor = db()): Promise<Order | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, id)).limit(1);
  return row;
}

/** A customer's orders, newest first: what the ticket page offers when the customer named none. */
export async function listCustomerOrders(customerId: string, limit = 20, tx: Executor = db()): Promise<Order[]> {
  return tx
    .select()
    .from(orders)
    .where(eq(orders.customerId, customerId))
    .orderBy(sql`${orders.createdAt} desc`)
    .limit(limit);
}
