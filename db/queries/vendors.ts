import { asc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "../index";
import { vendors, type NewVendor, type Vendor } from "../schema";
import { recordAudit, type Actor } from "./audit";

export async function listVendors(tx: Executor = db()): Promise<Vendor[]> {
  return tx.select().from(vendors).orderBy(asc(vendors.name));
}

export async function getVendorById(id: string, tx: Executor = db()): Promise<Vendor | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await tx.select().from(vendors).where(eq(vendors.id, id));
  return row;
}

/** What the audit log keeps of a vendor: everything, bank details included, since changing them is the risk. */
function auditView(v: Vendor) {
  const { createdAt: _c, updatedAt: _u, ...rest } = v;
  return rest;
}

export async function createVendor(
  input: Omit<NewVendor, "id">,
  actor: Actor,
  executor: Executor = db(),
): Promise<{ ok: true; vendor: Vendor } | { ok: false; reason: "name_taken" }> {
  return executor.transaction(async (tx) => {
    const [vendor] = await tx.insert(vendors).values(input).onConflictDoNothing().returning();
    if (!vendor) return { ok: false, reason: "name_taken" } as const;
    await recordAudit(
      { actor, action: "vendor.created", subjectType: "vendor", subjectId: vendor.id, after: auditView(vendor) },
      tx,
    );
    return { ok: true, vendor } as const;
  });
}

export async function updateVendor(
  id: string,
  changes: Partial<Omit<NewVendor, "id">>,
  actor: Actor,
): Promise<{ ok: true; vendor: Vendor } | { ok: false; reason: "not_found" | "name_taken" }> {
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(vendors).where(eq(vendors.id, id)).for("update");
    if (!before) return { ok: false, reason: "not_found" } as const;
    const [clash] = changes.name
      ? await tx
          .select({ id: vendors.id })
          .from(vendors)
          .where(sql`lower(${vendors.name}) = lower(${changes.name}) and ${vendors.id} <> ${id}`)
      : [];
    if (clash) return { ok: false, reason: "name_taken" } as const;
    const [after] = await tx
      .update(vendors)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(vendors.id, id))
      .returning();
    if (!after) return { ok: false, reason: "not_found" } as const;
    await recordAudit(
      {
        actor,
        action: "vendor.updated",
        subjectType: "vendor",
        subjectId: id,
        before: auditView(before),
        after: auditView(after),
      },
      tx,
    );
    return { ok: true, vendor: after } as const;
  });
}
