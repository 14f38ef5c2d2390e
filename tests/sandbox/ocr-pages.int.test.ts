import { execFileSync } from "node:child_process";

import { NonRetriableError } from "inngest";
import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";

import { closeDocumentPool, extractTextIsolated, sandboxSettings } from "@/ai/sandbox";
import { textPdf } from "@/ai/text/testing/documents";
import { makeScannedPdf } from "@/ai/text/testing/scanned-pdf";
import { listDocumentPages } from "@/db/queries/document-pages";
import { getDocumentText } from "@/db/queries/documents";
import { env } from "@/lib/env";
import { withKeelDatabase } from "@/tests/setup/keel-database";

import { until } from "../engine/helpers";

withKeelDatabase();
afterAll(closeDocumentPool);

async function receive(bytes: Uint8Array): Promise<string> {
  const { receiveDocument } = await import("@/services/documents/receive");
  const received = await receiveDocument({
    bytes,
    filename: "scan.pdf",
    source: "upload",
    actor: { id: null, label: "test" },
  });
  return received.document.id;
}

/** Text pages and scanned pages in one file, and a page whose short text layer OCR cannot beat. */
async function mixedPdf(): Promise<Uint8Array> {
  const text = await PDFDocument.load(
    await textPdf([
      [
        { text: "Delivery note DN-7781 for order PO-5512, shipped 2025-03-10", x: 72, y: 80 },
        { text: "Twelve cartons, one pallet, received in good condition.", x: 72, y: 110 },
      ],
      [{ text: "Notes", x: 72, y: 80 }],
    ]),
  );
  const scan = await PDFDocument.load(await makeScannedPdf({ pages: 2, invoiceNumber: "SC-MIXED-0002" }));
  const mixed = await PDFDocument.create();
  const [delivery, notes] = await mixed.copyPages(text, [0, 1]);
  const [invoice, terms] = await mixed.copyPages(scan, [0, 1]);
  for (const page of [delivery, invoice, notes, terms]) if (page) mixed.addPage(page);
  return mixed.save();
}

describe("a PDF's text read in steps", () => {
  it("gives exactly the text reading the whole PDF at once gives", async () => {
    const bytes = await mixedPdf();
    const documentId = await receive(bytes);
    const { extractTextStep, readTextStep } = await import("@/services/documents/extract-text");
    expect(await readTextStep(documentId)).toEqual({ ocrFrom: 2, pages: 4 });
    expect((await listDocumentPages(documentId)).map((row) => row.ocrPlan)).toEqual(["none", "ocr", "ocr", "ocr"]);

    const summary = await extractTextStep(documentId);
    // The one-shot reading as documents were read before OCR had steps: one sandbox job, extractPdf all through.
    const oneShot = (await extractTextIsolated(bytes, "pdf", sandboxSettings(env()))).text;
    expect(await getDocumentText(documentId)).toEqual(oneShot);
    expect(summary).toMatchObject({ source: "ocr", pages: 4 });
    expect(oneShot.warnings).toEqual(["Pages 2, 4 had no text layer and were read by OCR."]);
    expect(oneShot.pages[2]?.text).toBe("Notes");
  }, 120_000);

  it("continues after a reader killed mid-step without reading again the pages it saved", async () => {
    const documentId = await receive(await makeScannedPdf({ pages: 4, invoiceNumber: "SC-CRASH-0004" }));
    const { readTextStep } = await import("@/services/documents/extract-text");
    const { ocrPagesStep } = await import("@/services/documents/ocr-pages");
    expect(await readTextStep(documentId)).toEqual({ ocrFrom: 1, pages: 4 });

    const attempt = ocrPagesStep(documentId, 1);
    const outcome = attempt.then(
      () => "finished",
      (error: unknown) => String(error),
    );
    await until("page 1 read", async () => ((await listDocumentPages(documentId))[0]?.ocr ? true : undefined), 60_000);
    killReaders();
    expect(await outcome).toMatch(/document reader/i);
    const saved = (await listDocumentPages(documentId)).filter((row) => row.ocr !== null);
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved.length).toBeLessThan(4);

    const retry = await ocrPagesStep(documentId, 1);
    expect(retry).toMatchObject({ first: 1, last: 4, next: null, read: 4 - saved.length });
    const after = await listDocumentPages(documentId);
    for (const row of saved) expect(after[row.page - 1]?.ocrMs).toBe(row.ocrMs);
    expect(after.every((row) => row.ocr !== null)).toBe(true);
  }, 180_000);

  it("leaves a first page that outran the step's budget to the step's retries, naming the setting to raise", async () => {
    const documentId = await receive(await makeScannedPdf({ pages: 2, invoiceNumber: "SC-SLOW-0002" }));
    const { readTextStep } = await import("@/services/documents/extract-text");
    const { ocrPagesStep, PageTooSlowError } = await import("@/services/documents/ocr-pages");
    expect(await readTextStep(documentId)).toEqual({ ocrFrom: 1, pages: 2 });
    // A clock on which reading the original took all but a millisecond of the budget: as on a machine under load.
    let calls = 0;
    const slowClock = () => (calls++ === 0 ? 0 : env().KEEL_STEP_BUDGET_SECONDS * 1000);
    const error = await ocrPagesStep(documentId, 1, slowClock).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(PageTooSlowError);
    expect(error).not.toBeInstanceOf(NonRetriableError);
    expect((error as Error).message).toMatch(
      /^Page 1 of the PDF could not be rendered and read by OCR .*Raise KEEL_STEP_BUDGET_SECONDS/,
    );
    expect((await listDocumentPages(documentId)).every((row) => row.ocr === null)).toBe(true);

    // The retry, on a machine with time to spare, reads both pages.
    expect(await ocrPagesStep(documentId, 1)).toMatchObject({ first: 1, last: 2, next: null, read: 2 });
  }, 120_000);

  it("lets a run that memoised the one-step extract-text go on", async () => {
    const { extractTextOutputSchema } = await import("@/domain/payloads/text-steps");
    const old = { source: "ocr", pages: 3, characters: 1200, attachments: [] };
    expect(extractTextOutputSchema.parse(old)).toEqual(old);
    expect("ocrFrom" in extractTextOutputSchema.parse(old)).toBe(false);
  });
});

/** SIGKILL to this process's own document readers, as the out-of-memory killer or a redeploy would. */
function killReaders(): void {
  const listing = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
  const readers = listing
    .split("\n")
    .filter((line) => line.includes("sandbox/worker"))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
  expect(readers.length).toBeGreaterThan(0);
  for (const pid of readers) process.kill(pid, "SIGKILL");
}
