import { randomBytes } from "node:crypto";
import { getDocumentById, listDocumentEvents } from "@/db/queries/documents";
import { expect, test } from "../fixtures";

test("a document that fails for good lands on Exceptions, and an admin replays it", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/documents");
  const name = `broken-${randomBytes(3).toString("hex")}.pdf`;
  // A PDF header and nothing a PDF reader can parse: extraction fails permanently.
  await page.getByLabel("Choose files to upload").setInputFiles({
    name,
    mimeType: "application/pdf",
    buffer: Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(4096)]),
  });
  await page.getByRole("link", { name: "Uploaded — follow it" }).click();
  // The list the link leaves offers "Failed" as a filter too: read the status on the document's own page.
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Failed", { exact: true })).toBeVisible({ timeout: 30_000 });
  const documentId = page.url().split("/").pop() ?? "";

  await page.goto("/exceptions");
  const permanent = page.getByRole("region", { name: "Permanent errors" });
  const row = permanent.getByRole("row", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Replay ${name}` }).click();
  await expect(page.getByText(`Replaying ${name}`).first()).toBeVisible();

  await expect
    .poll(async () => (await listDocumentEvents(documentId)).filter((e) => e.kind === "replay").length)
    .toBe(1);
  // The file is still broken, so the replay fails again, and says so.
  await expect
    .poll(async () => (await listDocumentEvents(documentId)).filter((e) => e.kind === "failed").length, {
      timeout: 30_000,
    })
    .toBe(2);
  expect((await getDocumentById(documentId))?.status).toBe("failed");
});

test("an operator sees exceptions but cannot replay them", async ({ page, signInAs }) => {
  await signInAs("operator");
  await page.goto("/exceptions");
  await expect(page.getByRole("heading", { name: "Exceptions" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Replay / })).toHaveCount(0);
});
