import { eq, sql } from "drizzle-orm";
import { db, type Executor } from "../index";
import { operatingSettings, type OperatingSettingsRow } from "../schema";
import { defaultOperatingSettings, type OperatingSettings } from "@/domain/operations/settings";
import { operationsAuditActions } from "@/domain/timeline";
import { recordAudit, type Actor } from "./audit";

// `real` holds 0.01 as 0.0099999998; the share is kept to the six decimals the form can type (0.0001 %).
const asSettings = (row: OperatingSettingsRow): OperatingSettings => ({
  handlingHourlyRateMinor: row.handlingHourlyRateMinor,
  handlingRateCurrency: row.handlingRateCurrency,
  qaSampleRate: Math.round(row.qaSampleRate * 1_000_000) / 1_000_000,
});

/** The settings in force: the one row, or the defaults when no admin has saved any. */
export async function getOperatingSettings(tx: Executor = db()): Promise<OperatingSettings> {
  const [row] = await tx.select().from(operatingSettings).where(eq(operatingSettings.id, 1));
  return row ? asSettings(row) : { ...defaultOperatingSettings };
}

/** When and by whom the settings were last saved; null while the defaults apply. */
export async function getOperatingSettingsUpdate(
  tx: Executor = db(),
): Promise<{ updatedAt: Date; updatedBy: string | null } | null> {
  const [row] = await tx
    .select({ updatedAt: operatingSettings.updatedAt, updatedBy: operatingSettings.updatedBy })
    .from(operatingSettings)
    .where(eq(operatingSettings.id, 1));
  return row ?? null;
}

/**
 * Saves the settings with an audit entry of what they were and became, in one transaction. Saving the same values
 * again writes nothing and reports `changed: false`.
 */
export async function updateOperatingSettings(
  next: OperatingSettings,
  actor: Actor,
): Promise<{ settings: OperatingSettings; changed: boolean }> {
  return db().transaction(async (tx) => {
    // The row lock serialises two admins saving at once, so each audit entry's "before" is what it replaced.
    await tx.insert(operatingSettings).values({ id: 1 }).onConflictDoNothing();
    const [locked] = await tx.select().from(operatingSettings).where(eq(operatingSettings.id, 1)).for("update");
    const before = locked ? asSettings(locked) : { ...defaultOperatingSettings };
    const changed =
      before.handlingHourlyRateMinor !== next.handlingHourlyRateMinor ||
      before.handlingRateCurrency !== next.handlingRateCurrency ||
      before.qaSampleRate !== next.qaSampleRate;
    if (!changed) return { settings: before, changed: false };
    const [row] = await tx
      .update(operatingSettings)
      .set({ ...next, updatedAt: sql`now()`, updatedBy: actor.id })
      .where(eq(operatingSettings.id, 1))
      .returning();
    if (!row) throw new Error("operating_settings lost its row inside the transaction that wrote it");
    const settings = asSettings(row);
    await recordAudit(
      {
        actor,
        action: operationsAuditActions.settingsUpdated,
        subjectType: "operating_settings",
        subjectId: "1",
        before,
        after: settings,
      },
      tx,
    );
    return { settings, changed: true };
  });
}
