import fs from "node:fs";
import { makeScannedPdf } from "@/ai/text/testing/scanned-pdf";

/**
 * `tsx e2e/production/write-scan.ts <file> <pages> <megabytes> <invoice number>`: the scan is drawn in its own
 * process, since a native canvas that fails takes its process with it, and a test runner must outlive it.
 */
const [file, pages, megabytes, invoiceNumber] = process.argv.slice(2);
if (!file || !pages || !megabytes || !invoiceNumber) throw new Error("usage: write-scan <file> <pages> <MB> <number>");
const bytes = await makeScannedPdf({
  pages: Number(pages),
  targetBytes: Number(megabytes) * 1024 * 1024,
  // About 240 dpi: at 200 a page's JPEG cannot hold a real scan's grain.
  width: 2000,
  invoiceNumber,
});
fs.writeFileSync(file, bytes);
