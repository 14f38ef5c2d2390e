import { eq, sql } from "drizzle-orm";
import { db } from "../index";
import { tasks, vendors, type NewOutboxEvent, type NewVendor, type Task, type Vendor } from "../schema";
import type { Actor } from "./audit";
import { resolveTask } from "./tasks";
import { createVendor } from "./vendors";

export type NewVendorResult =
  | { ok: true; vendor: Vendor; task: Task; alreadyOnFile: boolean }
  | { ok: false; reason: "name_taken" }
  | { ok: false; reason: "not_open"; task?: Task };

/**
 * Sets a vendor up from a new-vendor task and resolves the task, with the run's wake-up, in one transaction: the
 * vendor exists exactly when the task says it was created. The task row is locked first, so two people creating
 * the vendor at once make one.
 */
export async function createVendorForTask(input: {
  taskId: string;
  vendor: Omit<NewVendor, "id">;
  actor: Actor & { id: string };
  parameters: Record<string, unknown>;
  wake: NewOutboxEvent;
}): Promise<NewVendorResult> {
  return db().transaction(async (tx) => {
    const [task] = await tx.select().from(tasks).where(eq(tasks.id, input.taskId)).for("update");
    if (task?.status !== "open") return { ok: false, reason: "not_open", ...(task ? { task } : {}) } as const;
    const created = await createVendor(input.vendor, input.actor, tx);
    // Two invoices from one new seller open two tasks: once the first set the vendor up, the second continues with
    // it as it is on file — its own bank details are then compared with the record like any known vendor's.
    const [existing] = created.ok
      ? []
      : await tx
          .select()
          .from(vendors)
          .where(sql`lower(${vendors.name}) = lower(${input.vendor.name})`);
    const vendor = created.ok ? created.vendor : existing;
    if (!vendor) return { ok: false, reason: "name_taken" } as const;
    const parameters = {
      ...input.parameters,
      vendorId: vendor.id,
      vendorName: vendor.name,
      ...(created.ok ? {} : { alreadyOnFile: true }),
    };
    const resolved = await resolveTask(
      { taskId: task.id, actor: input.actor, action: "create_vendor", parameters, wake: input.wake },
      tx,
    );
    if (!resolved.ok) throw new Error("task changed under its lock");
    return { ok: true, vendor, task: resolved.task, alreadyOnFile: !created.ok } as const;
  });
}
