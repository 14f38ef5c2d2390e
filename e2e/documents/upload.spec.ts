import { randomBytes } from "node:crypto";
import { getDocumentById, listDocumentEvents } from "@/db/queries/documents";
import { expect, test } from "../fixtures";
import { documentNumber, usInvoiceText } from "../factories/invoices";

const invoiceText = (number: string) => usInvoiceText({ number });

test("an operator uploads a document in the browser and watches it reach review", async ({ page, signInAs }) => {
  await signInAs("operator");
  await page.goto("/documents");
  const number = documentNumber("INV-E2E");
  await page.getByLabel("Choose files to upload").setInputFiles({
    name: "acme-invoice.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(invoiceText(number)),
  });
  await page.getByRole("link", { name: "Uploaded — follow it" }).click();
  await expect(page.getByRole("heading", { name: "acme-invoice.txt" })).toBeVisible();
  // The run moves on by itself; the page follows without a reload.
  await expect(page.getByText("Needs review", { exact: true })).toBeVisible({ timeout: 30_000 });
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("Fields extracted by deterministic");
  await expect(timeline).toContainText("Task opened");
  await expect(page.getByRole("region", { name: "Extracted fields" })).toContainText(number);

  const documentId = page.url().split("/").pop() ?? "";
  expect(await getDocumentById(documentId)).toMatchObject({
    status: "needs_review",
    documentNumber: number,
    totalMinor: 55208,
    currency: "USD",
  });
  expect((await listDocumentEvents(documentId)).map((e) => e.kind)).toContain("task_opened");
});

test("the same file twice is one document, shown as already received", async ({ page, signInAs }) => {
  await signInAs("operator");
  await page.goto("/documents");
  const file = {
    name: "twice.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(invoiceText(documentNumber("INV-TWICE"))),
  };
  await page.getByLabel("Choose files to upload").setInputFiles(file);
  await expect(page.getByRole("link", { name: "Uploaded — follow it" })).toBeVisible();
  await page.getByLabel("Choose files to upload").setInputFiles({ ...file, name: "twice-again.txt" });
  await page.getByRole("link", { name: "Already received — open the existing document" }).click();
  await expect(page.getByRole("heading", { name: "twice.txt" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(
    "The same file was received again as twice-again.txt",
  );
});

const rejected: { name: string; buffer: Buffer; message: RegExp }[] = [
  { name: "zero-bytes.pdf", buffer: Buffer.alloc(0), message: /The file is empty/ },
  { name: "blank.txt", buffer: Buffer.from("  \n\n\t  \n"), message: /no content, only blank space/ },
  {
    name: "program.pdf",
    buffer: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(4096)]),
    message: /Keel reads PDF, PNG, JPEG/,
  },
  {
    name: "locked.pdf",
    buffer: Buffer.from(
      "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R /Encrypt 5 0 R >>\n%%EOF\n",
    ),
    message: /password-protected/,
  },
  { name: "huge.txt", buffer: Buffer.alloc(26 * 1024 * 1024, 0x61), message: /the limit is 25/ },
];

test("files Keel will not take each get a clear reason, and nothing is stored", async ({ page, signInAs }) => {
  await signInAs("operator");
  await page.goto("/documents");
  await page
    .getByLabel("Choose files to upload")
    .setInputFiles(rejected.map((r) => ({ name: r.name, mimeType: "application/octet-stream", buffer: r.buffer })));
  const uploads = page.getByRole("list", { name: "Uploads" });
  for (const r of rejected) {
    await expect(uploads.getByRole("listitem").filter({ hasText: r.name }).getByRole("alert")).toHaveText(r.message);
  }
  await expect(page.getByRole("table", { name: "Documents" }).getByText("locked.pdf")).toHaveCount(0);
});
