import { randomBytes } from "node:crypto";
import { listAuditForSubject } from "@/db/queries/audit";
import { listVendors } from "@/db/queries/vendors";
import { expect, test } from "../fixtures";

test("an admin adds a vendor; a wrong IBAN is refused beside its field first", async ({ page, signInAs }) => {
  const admin = await signInAs("admin");
  await page.goto("/settings/vendors");
  await page.getByRole("button", { name: "Add vendor" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a vendor" });
  const name = `Nordwind Handel ${randomBytes(3).toString("hex")} GmbH`;
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("Aliases").fill("Nordwind, Nordwind Handel");
  await dialog.getByLabel("Currency").fill("eur");
  await dialog.getByLabel("IBAN").fill("DE00 3704 0044 0532 0130 00");
  await dialog.getByRole("button", { name: "Save vendor" }).click();
  await expect(dialog.locator("#iban-error")).toContainText("check digits are wrong");
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue(name);

  await dialog.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 00");
  await dialog.getByRole("button", { name: "Save vendor" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("DE89370400440532013000");

  const vendor = (await listVendors()).find((v) => v.name === name);
  expect(vendor).toMatchObject({
    aliases: ["Nordwind", "Nordwind Handel"],
    currency: "EUR",
    iban: "DE89370400440532013000",
  });
  const [entry] = await listAuditForSubject("vendor", vendor?.id ?? "");
  expect(entry).toMatchObject({ action: "vendor.created", actorId: admin.id });
});

test("an approver gets 403 on Settings → Vendors", async ({ page, signInAs }) => {
  await signInAs("approver");
  const response = await page.goto("/settings/vendors");
  expect(response?.status()).toBe(403);
});
