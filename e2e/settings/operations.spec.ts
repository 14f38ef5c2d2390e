import { listAuditForSubject } from "@/db/queries/audit";
import { getOperatingSettings, updateOperatingSettings } from "@/db/queries/operating-settings";
import { expect, test } from "../fixtures";

// One database for every spec: the hourly rate stays as it is (the monitor's spec prices handling time with it),
// the QA share moves for a moment and is put back.
test("an admin saves Settings → Operations, and a share over 100 % or a bad rate is refused beside its field", async ({
  page,
  signInAs,
}) => {
  const admin = await signInAs("admin");
  const before = await getOperatingSettings();
  try {
    await page.goto("/settings");
    await page.getByRole("link", { name: "Operations" }).click();
    await expect(page).toHaveURL(/\/settings\/operations$/);
    const form = page.getByRole("form", { name: "Operating settings" });
    const share = form.getByLabel("QA sample share (%)");
    const rate = form.getByLabel("Hourly rate of handling time");

    await share.fill("150");
    await rate.fill("forty-five");
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByText("The share cannot be more than 100 %.")).toBeVisible();
    await expect(share).toHaveAttribute("aria-invalid", "true");
    await expect(share).toHaveValue("150");
    await expect(form.getByText("Enter an amount such as 45.00, without a currency sign.")).toBeVisible();
    await expect(rate).toHaveAttribute("aria-invalid", "true");
    expect(await getOperatingSettings()).toEqual(before);

    const next = before.qaSampleRate === 0.025 ? "3.5" : "2.5";
    await share.fill(next);
    await rate.fill((before.handlingHourlyRateMinor / 100).toFixed(2));
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByRole("status")).toHaveText("Operating settings saved.");
    await expect(form.getByText("The share cannot be more than 100 %.")).toHaveCount(0);
    expect(await getOperatingSettings()).toEqual({ ...before, qaSampleRate: Number(next) / 100 });
    const entries = await listAuditForSubject("operating_settings", "1");
    expect(entries.find((e) => e.actorId === admin.id)).toMatchObject({
      action: "operating_settings.updated",
      before: { qaSampleRate: before.qaSampleRate },
      after: { qaSampleRate: Number(next) / 100, handlingHourlyRateMinor: before.handlingHourlyRateMinor },
    });
    await page.reload();
    await expect(form.getByLabel("QA sample share (%)")).toHaveValue(next);
  } finally {
    await updateOperatingSettings(before, { id: null, label: "e2e" });
  }
});

test("an approver gets 403 on Settings → Operations", async ({ page, signInAs }) => {
  await signInAs("approver");
  const response = await page.goto("/settings/operations");
  expect(response?.status()).toBe(403);
});
