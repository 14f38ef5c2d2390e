import { describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { getOperatingSettings, getOperatingSettingsUpdate } from "@/db/queries/operating-settings";
import { defaultOperatingSettings } from "@/domain/operations/settings";
import { saveOperatingSettings } from "@/services/operations/settings";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

describe("operating settings", () => {
  it("are Keel's defaults until an admin saves them", async () => {
    expect(await getOperatingSettings()).toEqual(defaultOperatingSettings);
    expect(await getOperatingSettingsUpdate()).toBeNull();
  });

  it("save as typed, with an audit entry of what they were and became", async () => {
    const admin = await makeUser({ role: "admin" });
    const actor = { id: admin.id, label: admin.email };
    const saved = await saveOperatingSettings({ hourlyRate: "60.00", currency: "usd", qaSamplePercent: "2.5" }, actor);
    expect(saved).toMatchObject({ ok: true, data: { changed: true } });
    const settings = { handlingHourlyRateMinor: 6000, handlingRateCurrency: "USD", qaSampleRate: 0.025 };
    expect(await getOperatingSettings()).toEqual(settings);
    expect((await getOperatingSettingsUpdate())?.updatedBy).toBe(admin.id);
    const [entry] = await listAuditForSubject("operating_settings", "1");
    expect(entry).toMatchObject({
      action: "operating_settings.updated",
      actorId: admin.id,
      before: defaultOperatingSettings,
      after: settings,
    });

    // The same values again change nothing and write no second entry.
    const again = await saveOperatingSettings({ hourlyRate: "60", currency: "USD", qaSamplePercent: "2.5" }, actor);
    expect(again).toMatchObject({ ok: true, data: { changed: false } });
    expect(await listAuditForSubject("operating_settings", "1")).toHaveLength(1);
  });

  it("refuse a bad value beside its field and save nothing", async () => {
    const admin = await makeUser({ role: "admin" });
    const before = await getOperatingSettings();
    const refused = await saveOperatingSettings(
      { hourlyRate: "45.00", currency: "EUR", qaSamplePercent: "150" },
      { id: admin.id, label: admin.email },
    );
    expect(refused).toEqual({
      ok: false,
      code: "invalid",
      message: "Some fields need attention.",
      fieldErrors: { qaSamplePercent: ["The share cannot be more than 100 %."] },
    });
    expect(await getOperatingSettings()).toEqual(before);
  });
});
