import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  closeDocumentPool,
  extractDeterministicIsolated,
  extractTextIsolated,
  ParseBudgetError,
  type SandboxSettings,
} from "@/ai/sandbox";
import { invoiceLines, textPng } from "@/ai/text/testing/documents";
import { IntakeError } from "@/intake/errors";
import { sniff } from "@/intake/sniff";

import { probeServer } from "./responsiveness";
import {
  bigSheetXlsx,
  manyRunsPdf,
  nestedEmail,
  operatorBombPdf,
  unbalancedQuoteCsv,
  wideCsv,
  zeroBombPdf,
} from "./hostile";

const settings: SandboxSettings = { workers: 2, timeoutMs: 20_000, memoryMb: 512 };

const probe = probeServer();
beforeAll(probe.start);
afterAll(async () => {
  await closeDocumentPool();
  await probe.stop();
});
const whileProbing = <T>(work: Promise<T>) => probe.whileProbing(work);

async function refusal(
  bytes: Uint8Array,
  options?: Parameters<typeof extractTextIsolated>[3],
  overrides: Partial<SandboxSettings> = {},
  kind = sniff(bytes).kind,
) {
  const started = performance.now();
  const { slowestMs, outcome } = await whileProbing(
    extractTextIsolated(bytes, kind, { ...settings, ...overrides }, options),
  );
  if (outcome.status === "fulfilled")
    throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value.text.warnings)}`);
  return { error: outcome.reason as Error, elapsedMs: performance.now() - started, slowestMs };
}

describe("hostile documents in the document reader pool", () => {
  it("refuses a PDF whose flate stream unpacks to 200 MB of operators, quickly, while the server answers", async () => {
    const { error, elapsedMs, slowestMs } = await refusal(await operatorBombPdf(200));
    expect(error).toBeInstanceOf(IntakeError);
    expect(error.message).toMatch(/^The PDF's pages unpack to more than 64 MB of content/);
    expect(elapsedMs).toBeLessThan(10_000);
    expect(slowestMs).toBeLessThan(1_000);
  });

  it("refuses a 1 MB PDF of flate zeros", async () => {
    const { error, slowestMs } = await refusal(await zeroBombPdf(1024));
    expect(error).toBeInstanceOf(IntakeError);
    expect(error).toMatchObject({ reason: "decompression_bomb" });
    expect(slowestMs).toBeLessThan(1_000);
  });

  it("refuses a PDF of 300 000 text runs", async () => {
    const { error, slowestMs } = await refusal(manyRunsPdf(300_000));
    expect(error.message).toMatch(/^The PDF places its text in more than 150,000 separate pieces/);
    expect(slowestMs).toBeLessThan(1_000);
  });

  it("refuses an XLSX whose sheet unpacks to 99 MB", async () => {
    const { error, slowestMs } = await refusal(bigSheetXlsx(99));
    expect(error.message).toMatch(/^A sheet of the spreadsheet unpacks to more than 16 MB, the limit for one sheet/);
    expect(slowestMs).toBeLessThan(1_000);
  });

  it("refuses a CSV of one row and a million columns", async () => {
    // Sniffing reads one line as text; a file uploaded as .csv, or a sniffer that agrees, gets here.
    const { error } = await refusal(wideCsv(1_000_000), undefined, {}, "csv");
    expect(error.message).toMatch(/^The CSV has a row of 1,000,000 columns; the limit is 1,000/);
  });

  it("reads a CSV with an unbalanced quote in well under a second of the reader's time and says so", async () => {
    const started = performance.now();
    const { text } = await extractTextIsolated(unbalancedQuoteCsv(100_000), "csv", settings);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(text.warnings.join(" ")).toContain("Quoted field unterminated");
  });

  it("refuses an email of forwarded emails nested 30 levels deep", async () => {
    const { error } = await refusal(nestedEmail(30, 1));
    expect(error.message).toMatch(/^The email holds forwarded emails nested more than 5 levels deep, the limit/);
  });

  it("kills a reader that runs past the time limit, fails the document for good, and replaces the reader", async () => {
    const { error, elapsedMs, slowestMs } = await refusal(textPng(invoiceLines), undefined, { timeoutMs: 1_000 });
    expect(error).toBeInstanceOf(ParseBudgetError);
    expect(error.message).toMatch(
      /^Reading the document took longer than 1 s, the limit for one document, so Keel stopped\./,
    );
    expect(elapsedMs).toBeLessThan(8_000);
    expect(slowestMs).toBeLessThan(1_000);
    // A sheet, since small plain text is read without a reader (ai/sandbox/plain-text.ts).
    const next = await extractTextIsolated(new TextEncoder().encode("Invoice,Total\n7,10.00 EUR\n"), "csv", {
      ...settings,
      timeoutMs: 1_000,
    });
    expect(next.text.pages[0]?.text).toBe("Invoice  Total\n7  10.00 EUR");
  }, 30_000);

  it("kills a reader that needs more than its memory, and says what to do", async () => {
    // The sheet limit raised out of the way, so only the memory limit stands between exceljs and 1.7 GB.
    const limits = { maxSheetBytes: 200 << 20, maxUncompressedBytes: 200 << 20 };
    const { error, slowestMs } = await refusal(bigSheetXlsx(99), { limits }, { memoryMb: 128 });
    expect(error).toBeInstanceOf(ParseBudgetError);
    expect(error.message).toMatch(
      /^Reading the document needed more than \d+ MB of memory, the limit for one document, so Keel stopped\./,
    );
    expect(slowestMs).toBeLessThan(1_000);
  }, 60_000);

  it("runs the deterministic extractor in the pool", async () => {
    const extraction = await extractDeterministicIsolated(
      { source: "text", pages: [{ page: 1, text: "Invoice INV-7\nTotal: 10.00 EUR", spans: [] }], warnings: [] },
      settings,
    );
    expect(extraction.provider).toBe("deterministic");
  });
});
