import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import { textPdf } from "@/ai/text/testing/documents";
import { createVendor } from "@/db/queries/vendors";
import { invoiceText, seller, type InvoiceLine } from "@/tests/factories/us-invoice";
import { expect } from "../fixtures";

/**
 * A PDF invoice with a real text layer from a seller on file with the bank account it prints: nothing about it
 * asks for a person unless its amount does.
 */
export async function invoiceFromVendorOnFile(lines?: InvoiceLine[]): Promise<{ name: string; buffer: Buffer }> {
  const from = seller();
  const vendor = await createVendor(
    { name: from.name, taxId: from.ein, currency: "USD", accountNumber: from.account, sortCode: from.routing },
    { id: null, label: "e2e" },
  );
  if (!vendor.ok) throw new Error(`the vendor ${from.name} could not be created: ${vendor.reason}`);
  const number = `HB-${String(100_000 + (randomBytes(3).readUIntBE(0, 3) % 900_000))}`;
  const text = invoiceText(from, { number, bank: false, ...(lines ? { lines } : {}) });
  const placed = text.split("\n").map((line, i) => ({ text: line, x: 30, y: 40 + i * 14, size: 8 }));
  return { name: `${number}.pdf`, buffer: Buffer.from(await textPdf([placed])) };
}

/**
 * Drops the PDF on the Documents page and follows it to its page; answers the document's id and the origins the
 * browser PUT its bytes to, which with KEEL_STORAGE=s3 must be the bucket's and never Keel's.
 */
export async function uploadThroughBucket(
  page: Page,
  file: { name: string; buffer: Buffer } | string,
): Promise<{ documentId: string; putOrigins: string[] }> {
  const putOrigins: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "PUT") putOrigins.push(new URL(request.url()).origin);
  });
  await page.goto("/documents");
  // A path for files past what Playwright hands the browser from memory (50 MB).
  const input = typeof file === "string" ? file : { ...file, mimeType: "application/pdf" };
  await page.getByLabel("Choose files to upload").setInputFiles(input);
  await page.getByRole("link", { name: "Uploaded — follow it" }).click({ timeout: 60_000 });
  const name = typeof file === "string" ? path.basename(file) : file.name;
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return { documentId: page.url().split("/").pop() ?? "", putOrigins };
}
