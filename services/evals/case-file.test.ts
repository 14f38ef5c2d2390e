import { format } from "prettier";
import { describe, expect, it } from "vitest";
import type { EvalCaseRow } from "@/db/schema";
import { caseFileContent, evalCaseOf } from "./case-file";

const row: EvalCaseRow = {
  id: "promoted-0f8fad5b-d9cb-469f-a165-70867728950e",
  documentId: "0f8fad5b-d9cb-469f-a165-70867728950e",
  taskId: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  filename: "acme-march.pdf",
  text: { source: "pdf-text", pages: [{ text: "Invoice INV-9\nTotal 12.00", page: 1 }] },
  expected: { totalMinor: "1200", documentNumber: "INV-9", poNumber: null },
  promotedBy: null,
  promotedByEmail: "ann@example.com",
  promotedAt: new Date("2026-11-30T04:00:00.000Z"),
};

describe("caseFileContent", () => {
  const content = caseFileContent(evalCaseOf(row));

  it("writes keys sorted at every level and ends with a newline", () => {
    expect(content.endsWith("}\n")).toBe(true);
    expect(Object.keys(JSON.parse(content) as object)).toEqual([
      "documentId",
      "expected",
      "filename",
      "id",
      "promotedAt",
      "promotedBy",
      "source",
      "taskId",
      "text",
      "version",
    ]);
    expect(content.indexOf('"documentNumber"')).toBeLessThan(content.indexOf('"poNumber"'));
    expect(content.indexOf('"page"')).toBeLessThan(content.indexOf('"text": "Invoice'));
  });

  it("is the same bytes whatever order the row's keys came in", () => {
    const reordered = { ...row, expected: { poNumber: null, documentNumber: "INV-9", totalMinor: "1200" } };
    expect(caseFileContent(evalCaseOf(reordered))).toBe(content);
  });

  it("is already as Prettier formats it, so npm test's format check passes on exported cases", async () => {
    expect(await format(content, { parser: "json", printWidth: 120 })).toBe(content);
  });
});

describe("evalCaseOf", () => {
  it("keeps the promoter's email and the moment as ISO 8601", () => {
    expect(evalCaseOf(row)).toMatchObject({ promotedBy: "ann@example.com", promotedAt: "2026-11-30T04:00:00.000Z" });
  });

  it("leaves out the ids of a document and task deleted since", () => {
    const orphan = evalCaseOf({ ...row, documentId: null, taskId: null });
    expect(orphan).not.toHaveProperty("documentId");
    expect(orphan).not.toHaveProperty("taskId");
  });

  it("refuses a row that does not fit the case schema, naming the case and the field", () => {
    expect(() => evalCaseOf({ ...row, id: "Promoted/../x" })).toThrow(/Eval case Promoted\/\.\.\/x .*id:/);
  });
});
