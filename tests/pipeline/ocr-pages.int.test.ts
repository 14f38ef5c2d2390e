import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { makeScannedPdf } from "@/ai/text/testing/scanned-pdf";
import { listDocumentPages } from "@/db/queries/document-pages";
import { getDocumentById, getDocumentText, listDocumentEvents } from "@/db/queries/documents";
import { resetEnv } from "@/lib/env";

import { until } from "../engine/helpers";
import { withPipeline } from "./harness";

const budgetSeconds = 10;
const previous = process.env.KEEL_STEP_BUDGET_SECONDS;
beforeAll(() => {
  process.env.KEEL_STEP_BUDGET_SECONDS = String(budgetSeconds);
  resetEnv();
});
afterAll(() => {
  if (previous === undefined) delete process.env.KEEL_STEP_BUDGET_SECONDS;
  else process.env.KEEL_STEP_BUDGET_SECONDS = previous;
  resetEnv();
});

const pipeline = withPipeline();

describe("a scanned PDF read page by page", () => {
  it("reads its pages in OCR steps that each end within the step budget, and stores every page's text", async () => {
    const { engine } = pipeline();
    const pages = 6;
    const { receiveDocument } = await import("@/services/documents/receive");
    const { document } = await receiveDocument({
      bytes: await makeScannedPdf({ pages, invoiceNumber: "SC-PAGES-0006" }),
      filename: "scan.pdf",
      source: "upload",
      actor: { id: null, label: "test" },
    });
    const done = await until(
      "the scan to be routed",
      async () => {
        const current = await getDocumentById(document.id);
        return current && !["received", "extracting"].includes(current.status) ? current : undefined;
      },
      240_000,
    );
    expect(done.status).not.toBe("failed");
    expect(done.documentNumber).toBe("SC-PAGES-0006");

    const text = await getDocumentText(document.id);
    expect(text?.source).toBe("ocr");
    expect(text?.pages.map((page) => page.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(text?.pages[0]?.text).toContain("Total due: 357.00 EUR");
    for (const page of text?.pages.slice(1) ?? []) expect(page.text).toContain(`Page ${String(page.page)} of 6`);
    expect(text?.warnings).toContain("Pages 1, 2, 3, 4, 5, 6 had no text layer and were read by OCR.");
    const stored = await listDocumentPages(document.id);
    expect(stored.map((row) => [row.page, row.ocrPlan, row.ocr !== null])).toEqual(
      [1, 2, 3, 4, 5, 6].map((page) => [page, "ocr", true]),
    );

    const steps = await engine.sql<{ name: string; duration_ms: string }[]>`
      select s.name, s.duration_ms from run_steps s
      where s.run_id = ${done.runId ?? ""} and s.name like 'ocr-pages-%' and s.status = 'completed'
      order by s.started_at`;
    // How many steps six pages need depends on how fast this machine reads them; never fewer than their time asks.
    const ocrMs = steps.reduce((sum, step) => sum + Number(step.duration_ms), 0);
    expect(steps.length).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(ocrMs / (budgetSeconds * 1000))));
    expect(steps[0]?.name).toBe("ocr-pages-1");
    for (const step of steps) expect(Number(step.duration_ms)).toBeLessThanOrEqual(budgetSeconds * 1000);

    const lines = (await listDocumentEvents(document.id)).filter((event) => event.label.includes("read by OCR"));
    expect(lines).toHaveLength(steps.length);
    const firsts = steps.map((step) => Number(step.name.replace("ocr-pages-", "")));
    for (const [index, line] of lines.entries()) {
      const first = firsts[index] ?? 0;
      const last = (firsts[index + 1] ?? pages + 1) - 1;
      const range = first === last ? `Page ${String(first)}` : `Pages ${String(first)}–${String(last)}`;
      expect(line.label).toMatch(new RegExp(`^${range} of 6 read by OCR in \\d+ s$`));
    }
    expect(
      (await listDocumentEvents(document.id)).some((event) => event.label.startsWith("Text extracted (ocr, 6")),
    ).toBe(true);
  }, 300_000);
});
