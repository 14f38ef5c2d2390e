import { updateOperatingSettings } from "@/db/queries/operating-settings";
import type { Actor } from "@/db/queries/audit";
import { operatingSettingsFormSchema, type OperatingSettings } from "@/domain/operations/settings";
import { invalid, type ActionResult } from "@/lib/errors";

/**
 * Saves Settings → Operations as an admin typed it: the hourly rate in major units with its currency and the QA
 * share in percent. A bad value saves nothing and comes back with the error beside its field.
 */
export async function saveOperatingSettings(
  form: Record<string, unknown>,
  actor: Actor,
): Promise<ActionResult<{ settings: OperatingSettings; changed: boolean }>> {
  const parsed = operatingSettingsFormSchema.safeParse(form);
  if (!parsed.success) return invalid(parsed.error);
  const saved = await updateOperatingSettings(parsed.data, actor);
  return { ok: true, data: saved };
}
