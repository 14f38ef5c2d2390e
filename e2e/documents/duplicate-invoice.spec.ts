import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { getDocumentById } from "@/db/queries/documents";
import { listPayablesForDocument } from "@/db/queries/ledger";
import { getTaskById } from "@/db/queries/tasks";
import { createVendor } from "@/db/queries/vendors";
import { expect, test } from "../fixtures";
import { documentNumber, usInvoiceText } from "../factories/invoices";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";
import { nextStep } from "../support/tasks";

/** An invoice from a seller of this test's own: every spec shares one database. */
const invoice = (seller: string, taxId: string, number: string) => usInvoiceText({ seller, taxId, number });

async function upload(page: Page, filename: string, bytes: Buffer): Promise<string> {
  await page.goto("/documents");
  await page
    .getByLabel("Choose files to upload")
    .setInputFiles({ name: filename, mimeType: "text/plain", buffer: bytes });
  await page.getByRole("link", { name: "Uploaded — follow it" }).click();
  await expect(page.getByRole("heading", { name: filename })).toBeVisible();
  return page.url().split("/").pop() ?? "";
}

test("a re-sent copy with one byte appended is shown beside the posted invoice, and rejected it leaves one payable", async ({
  browser,
  page,
  signInAs,
}) => {
  const id = randomBytes(3).toString("hex").toUpperCase();
  const seller = `Acme ${id} Supply, Inc.`;
  const taxId = `74-${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`;
  const number = documentNumber("INV-DUP");
  await createVendor({ name: seller, aliases: [], taxId, currency: "USD" }, { id: null, label: "e2e" });
  const text = Buffer.from(invoice(seller, taxId, number));

  // The operator uploads; an admin, who did not, decides whatever the first copy needs until it posts.
  await signInAs("operator");
  const admin = await makeUser({ role: "admin", approvalLimitMinor: 5_000_000, approvalCurrency: "USD" });
  const { page: adminPage, context } = await LoginPage.inNewContext(browser, admin);
  const originalId = await upload(page, `dup-${id}-original.txt`, text);
  for (;;) {
    const next = await nextStep(originalId);
    if (next === "posted") break;
    await adminPage.goto(`/inbox/${next.id}`);
    await adminPage.getByRole("button", { name: "Approve", exact: true }).click();
    await expect.poll(async () => (await getTaskById(next.id))?.status).toBe("resolved");
  }
  const [payable] = await listPayablesForDocument(originalId);
  expect(payable).toBeDefined();

  // The same invoice again, as a mail gateway re-sends it: one byte more, so a new file.
  const copyId = await upload(page, `dup-${id}-copy.txt`, Buffer.concat([text, Buffer.from("\n")]));
  expect(copyId).not.toBe(originalId);
  const task = await nextStep(copyId);
  if (task === "posted") throw new Error("the copy posted on its own");
  expect(task.type).toBe("CONFIRM_DUPLICATE");

  await adminPage.goto(`/inbox/${task.id}`);
  const comparison = adminPage.getByRole("region", { name: `Compared with dup-${id}-original.txt` });
  await expect(comparison).toBeVisible();
  await expect(comparison).toContainText("posted");
  await expect(comparison).toContainText(`payable ${payable?.id ?? ""}`);
  const numberRow = comparison.getByRole("row").filter({ hasText: "Invoice number" });
  await expect(numberRow.getByRole("cell")).toHaveText(["Invoice number", number, number, "same"]);
  await expect(comparison.getByRole("link", { name: `dup-${id}-original.txt` }).first()).toHaveAttribute(
    "href",
    `/documents/${originalId}`,
  );
  await expect(comparison).toContainText("Reject it if it is the same invoice");
  await expect(comparison.getByRole("link", { name: "this document" })).toHaveAttribute(
    "href",
    `/api/documents/${copyId}/original`,
  );

  await adminPage.getByLabel("Reason for rejecting").fill("The same invoice as the one already posted.");
  await adminPage.getByRole("button", { name: "Reject", exact: true }).click();
  await expect.poll(async () => (await getDocumentById(copyId))?.status, { timeout: 30_000 }).toBe("rejected");
  expect(await getTaskById(task.id)).toMatchObject({ status: "resolved", action: "reject" });
  expect([...(await listPayablesForDocument(originalId)), ...(await listPayablesForDocument(copyId))]).toHaveLength(1);
  await context.close();
});
