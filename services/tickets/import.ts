import type { Actor } from "@/db/queries/audit";
import { upsertCustomers, upsertOrders } from "@/db/queries/customers";
import { parseCustomersCsv, parseOrdersCsv } from "@/domain/tickets/import";

export type ImportResult = { ok: true; added: number; updated: number } | { ok: false; errors: string[] };

/** A CSV of customers (`email,name`): all of it is saved, or none and every bad line is named. */
export async function importCustomersCsv(csv: string, actor: Actor): Promise<ImportResult> {
  const parsed = parseCustomersCsv(csv);
  if (!parsed.ok) return parsed;
  return { ok: true, ...(await upsertCustomers(parsed.rows, actor)) };
}

/**
 * A CSV of orders (`reference,customer_email,currency,total,paid_at,status`): all of it is saved, or none and every
 * bad line is named — including lines whose customer is not on file, checked in the transaction that would save.
 */
export async function importOrdersCsv(csv: string, actor: Actor): Promise<ImportResult> {
  const parsed = parseOrdersCsv(csv);
  if (!parsed.ok) return parsed;
  const saved = await upsertOrders(parsed.rows, actor);
  if (saved.ok) return saved;
  return {
    ok: false,
    errors: saved.unknownCustomers.map(
      ({ line, email }) =>
        `Line ${String(line)}: no customer ${email} is on file; import the customers first (email,name) or correct the email.`,
    ),
  };
}
