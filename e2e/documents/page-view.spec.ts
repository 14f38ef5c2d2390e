import type { Locator, Page } from "@playwright/test";
import { invoiceLines, textPdf, textPng } from "@/ai/text/testing/documents";
import { getLatestExtraction } from "@/db/queries/documents";
import { listTasksForDocument } from "@/db/queries/tasks";
import { expect, test } from "../fixtures";
import { documentNumber } from "../factories/invoices";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";

/** A one-page invoice with a real text layer, each line placed 20 points below the last. */
async function invoicePdf(number: string): Promise<Buffer> {
  const lines = [
    "Acme Industrial Supply, Inc.",
    "INVOICE",
    `Invoice #: ${number}`,
    "Invoice Date: 03/04/2025",
    "Total Due: $1,552.08",
  ];
  return Buffer.from(await textPdf([lines.map((text, i) => ({ text, x: 60, y: 80 + i * 20 }))]));
}

/** Uploads a PDF as the signed-in user and follows it until the run asks for a person; returns its id. */
async function uploadPdfUntilTask(page: Page, name: string, buffer: Buffer): Promise<string> {
  await page.goto("/documents");
  await page.getByLabel("Choose files to upload").setInputFiles({ name, mimeType: "application/pdf", buffer });
  await page.getByRole("link", { name: "Uploaded — follow it" }).click();
  await expect(page.getByRole("region", { name: "Tasks" })).toBeVisible({ timeout: 30_000 });
  return page.url().split("/").pop() ?? "";
}

async function expectLoaded(image: Locator): Promise<void> {
  await expect(image).toBeVisible();
  await expect
    .poll(() => image.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0)))
    .toBeGreaterThan(0);
}

test("the task page shows the PDF's page with a box for each field read from it, and clicking the total's box focuses the Total field", async ({
  page,
  signInAs,
  browser,
}) => {
  test.setTimeout(90_000);
  await signInAs("operator");
  const number = documentNumber("INV-PAGE");
  const filename = `${number}.pdf`;
  const documentId = await uploadPdfUntilTask(page, filename, await invoicePdf(number));
  const [task] = await listTasksForDocument(documentId);
  if (!task) throw new Error("no task");
  const extraction = await getLatestExtraction(documentId);
  if (!extraction) throw new Error("no extraction");
  // Outlined when the extraction was stored, not at each view.
  expect(extraction.extraction.fields.totalMinor.evidence?.boxes?.length).toBeGreaterThan(0);
  const read = Object.entries(extraction.extraction.fields).flatMap(([name, field]) =>
    !Array.isArray(field) && field.evidence && (field.evidence.boxes?.length ?? 0) > 0 ? [name] : [],
  );
  expect(read).toEqual(expect.arrayContaining(["documentNumber", "issueDate", "totalMinor"]));

  // Someone other than the uploader, allowed to approve it: the fields take the focus only when they may be corrected.
  const reviewer = await makeUser({ role: "admin", approvalLimitMinor: 100_000_000, approvalCurrency: "USD" });
  const { page: reviewing, context } = await LoginPage.inNewContext(browser, reviewer);
  await reviewing.goto(`/inbox/${task.id}`);
  const viewer = reviewing.getByRole("region", { name: "Document", exact: true });
  await expect(viewer.getByRole("tab", { name: "Page" })).toHaveAttribute("aria-selected", "true");
  await expectLoaded(viewer.getByRole("img", { name: `Page 1 of ${filename}` }));
  for (const name of read) await expect(viewer.locator(`[data-evidence-box="${name}"]`).first()).toBeVisible();

  await viewer.getByRole("button", { name: "Total: go to the field" }).first().click();
  await expect(reviewing.getByLabel("Total", { exact: true })).toBeFocused();

  // Focusing a field lights up its box.
  await reviewing.getByLabel("Issue date", { exact: true }).focus();
  await expect(viewer.locator('[data-evidence-box="issueDate"]').first()).toHaveClass(/ring-sky-500/);

  // The text stays a tab away, with the same evidence marked.
  await viewer.getByRole("tab", { name: "Text" }).click();
  await expect(viewer.locator('mark[data-field="totalMinor"]')).toContainText("1,552.08");
  await context.close();
});

test("the document page shows the PDF's page with its fields boxed, and the text on a tab", async ({
  page,
  signInAs,
}) => {
  test.setTimeout(90_000);
  await signInAs("operator");
  const number = documentNumber("INV-ORIGINAL");
  const filename = `${number}.pdf`;
  await uploadPdfUntilTask(page, filename, await invoicePdf(number));

  const original = page.getByRole("region", { name: "Original", exact: true });
  await expectLoaded(original.getByRole("img", { name: `Page 1 of ${filename}` }));
  await original.getByRole("button", { name: "Total: go to the field" }).first().click();
  await expect(page.locator("#field-totalMinor")).toBeFocused();
  await original.getByRole("button", { name: "Rotate" }).click();
  await expectLoaded(original.getByRole("img", { name: `Page 1 of ${filename}` }));
  await original.getByRole("tab", { name: "Text" }).click();
  await expect(original.getByRole("tabpanel")).toContainText(number);
});

test("a scan shows as uploaded on the document page, with the total boxed where OCR read it", async ({
  page,
  signInAs,
}) => {
  test.setTimeout(90_000);
  await signInAs("operator");
  const number = documentNumber("INV-SCAN");
  const filename = `${number}.png`;
  const lines = invoiceLines.map((line) =>
    line.text.startsWith("Invoice number") ? { ...line, text: `Invoice number: ${number}` } : line,
  );
  await page.goto("/documents");
  await page
    .getByLabel("Choose files to upload")
    .setInputFiles({ name: filename, mimeType: "image/png", buffer: Buffer.from(textPng(lines)) });
  await page.getByRole("link", { name: "Uploaded — follow it" }).click();

  const original = page.getByRole("region", { name: "Original", exact: true });
  await expectLoaded(original.getByRole("img", { name: `Page 1 of ${filename}` }));
  // The page refreshes itself while the document is read; the boxes come with the extraction.
  await expect(original.getByRole("button", { name: "Total: go to the field" }).first()).toBeVisible({
    timeout: 60_000,
  });
});
