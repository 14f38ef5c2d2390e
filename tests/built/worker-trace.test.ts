import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ExtractTextResult } from "@/ai/text";
import type { RenderedPage } from "@/ai/text/pdf-render";
import { invoiceLines, scannedPdf, textPdf, textPng } from "@/ai/text/testing/documents";
import type { TicketMail } from "@/ai/text/ticket-mail";
import { threadEml } from "@/ai/text/testing/email";
import { documentReaderRoutes, workerBundleFile } from "@/lib/deploy/worker-bundle";

import { forkReader, type Reader } from "./reader";
import { copyFiles, isolatedEnv, tracedFiles } from "./trace";

const png = [0x89, 0x50, 0x4e, 0x47];
const englishModel = "node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz";

describe("every route that starts a document reader", () => {
  it.each(documentReaderRoutes)("%s carries the reader bundle and the OCR model", (route) => {
    const files = tracedFiles(route);
    expect(files).toContain(workerBundleFile);
    expect(files).toContain(englishModel);
    expect(files).not.toContain("ai/sandbox/worker.ts");
  });
});

/**
 * What a Vercel function holds is exactly the route's trace: this copies only the Inngest route's traced files
 * into an empty folder outside the repository (no node_modules or tsx above it) and reads documents from there.
 */
describe("the Inngest route's traced files, alone", () => {
  let dir: string;
  let reader: Reader;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "keel-function-"));
    copyFiles(tracedFiles("/api/inngest"), dir);
    reader = await forkReader(path.join(dir, workerBundleFile), { cwd: dir, env: isolatedEnv(dir) });
  }, 60_000);

  afterAll(() => {
    reader.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("carry the reader bundle and its runtime files, but neither the TypeScript source nor tsx", () => {
    const files = tracedFiles("/api/inngest");
    for (const file of [
      workerBundleFile,
      "node_modules/tesseract.js/src/worker-script/node/index.js",
      englishModel,
      "node_modules/unpdf/dist/pdfjs.mjs",
    ])
      expect(files, file).toContain(file);
    expect(
      files.some((file) => /canvas-linux-x64-gnu\/.*\.node$/.test(file)),
      "the canvas binary",
    ).toBe(true);
    expect(
      files.some((file) => /tesseract\.js-core\/.*\.wasm$/.test(file)),
      "Tesseract's WebAssembly",
    ).toBe(true);
    expect(fs.existsSync(path.join(dir, "ai", "sandbox", "worker.ts"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "node_modules", "tsx"))).toBe(false);
  });

  it("OCR a scanned page", async () => {
    const pdf = await scannedPdf(textPng(invoiceLines));
    const result = await reader.run<ExtractTextResult>("extract-text", { bytes: pdf, kind: "pdf" });
    expect(result.text.source).toBe("ocr");
    expect(JSON.stringify(result.text.pages)).toMatch(/INV-2024-0042/);
  }, 120_000);

  it("render a PDF page as a PNG", async () => {
    const pdf = await textPdf([invoiceLines.map((line) => ({ ...line, y: line.y / 3 }))]);
    const page = await reader.run<RenderedPage>("render-page", { bytes: pdf, page: 1, options: { timeoutMs: 30_000 } });
    expect(page.pages).toBe(1);
    expect([...(page.png ?? []).slice(0, 4)]).toEqual(png);
  }, 60_000);

  it("parse an email", async () => {
    const pdf = await textPdf([[{ text: "PO 4471", x: 72, y: 72 }]]);
    const mail = await reader.run<TicketMail>("parse-ticket-mail", {
      bytes: threadEml(pdf, textPng([], 8, 8)),
      timeoutMs: 30_000,
    });
    expect(mail.subject).toBe("Fwd: RE: PO 4471");
  }, 60_000);
});
