import type { Actor } from "@/db/queries/audit";
import { createVendor, updateVendor } from "@/db/queries/vendors";
import type { Vendor } from "@/db/schema";
import type { VendorInput } from "@/domain/vendors";

export type SaveVendorOutcome = { ok: true; vendor: Vendor } | { ok: false; reason: "not_found" | "name_taken" };

/** Adds a vendor, or changes the one `vendorId` names; a name another vendor has is refused either way. */
export async function saveVendor(
  vendorId: string | null,
  fields: VendorInput,
  actor: Actor,
): Promise<SaveVendorOutcome> {
  return vendorId ? updateVendor(vendorId, fields, actor) : createVendor(fields, actor);
}
