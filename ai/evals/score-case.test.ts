import { describe, expect, it } from "vitest";
import { extractDeterministic } from "@/ai/deterministic/extract";
import type { ExtractedText } from "@/domain/documents/types";
import type { EvalCase } from "@/domain/evals/case";
import { scoreCase } from "./score-case";

const page =
  "Acme Industrial Supply, Inc.\nINVOICE\nInvoice No: INV-2025-00418\nInvoice Date: 2025-03-04\nCurrency: USD\nTotal: 1,685.45";

function evalCase(expected: EvalCase["expected"]): EvalCase {
  return {
    version: 1,
    id: "promoted-acme",
    source: "promoted",
    filename: "acme.pdf",
    text: { source: "pdf-text", pages: [{ page: 1, text: page }] },
    expected,
    promotedBy: "admin@example.com",
    promotedAt: "2026-03-01T10:00:00.000Z",
  };
}

const extract = (text: ExtractedText) => Promise.resolve(extractDeterministic(text));

describe("scoreCase", () => {
  it("checks exactly the fields the case expects, amounts as minor units", async () => {
    const score = await scoreCase(evalCase({ documentNumber: "INV-2025-00418", totalMinor: "168545" }), extract);
    expect(score).toEqual({
      id: "promoted-acme",
      checks: [
        { field: "documentNumber", expected: "INV-2025-00418", actual: "INV-2025-00418", ok: true },
        { field: "totalMinor", expected: "168545", actual: "168545", ok: true },
      ],
    });
  });

  it("counts a wrong value and a value the document lacks as misses", async () => {
    const score = await scoreCase(evalCase({ totalMinor: "168546", poNumber: "PO-1" }), extract);
    expect(score.checks.map((c) => [c.field, c.actual, c.ok])).toEqual([
      ["totalMinor", "168545", false],
      ["poNumber", null, false],
    ]);
  });

  it("compares names as the fixtures do, case and punctuation aside, and expects null as absent", async () => {
    const score = await scoreCase(evalCase({ vendorName: "ACME INDUSTRIAL SUPPLY INC", dueDate: null }), extract);
    expect(score.checks.map((c) => c.ok)).toEqual([true, true]);
  });

  it("hands the extractor the case's pages as text without positions", async () => {
    const seen: ExtractedText[] = [];
    await scoreCase(evalCase({}), (text) => {
      seen.push(text);
      return extract(text);
    });
    expect(seen).toEqual([{ source: "pdf-text", warnings: [], pages: [{ page: 1, text: page, spans: [] }] }]);
  });

  it("refuses a field an eval case cannot score, naming it", async () => {
    await expect(scoreCase(evalCase({ lines: "3" }), extract)).rejects.toThrow(
      "Eval case promoted-acme expects lines, which an eval case cannot score",
    );
  });
});
