import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EvalCase } from "@/domain/evals/case";
import { CaseFileError, readCaseFiles } from "./case-files";

const valid: EvalCase = {
  version: 1,
  id: "promoted-3f0c2a8e-7c1d-4c55-9d7e-2b1f4f7f9a10",
  source: "promoted",
  filename: "acme.pdf",
  text: { source: "pdf-text", pages: [{ page: 1, text: "ACME Tools GmbH\nInvoice INV-1\nTotal EUR 119.00" }] },
  expected: { documentNumber: "INV-1", totalMinor: "11900", poNumber: null },
  documentId: "3f0c2a8e-7c1d-4c55-9d7e-2b1f4f7f9a10",
  promotedBy: "admin@example.com",
  promotedAt: "2026-11-29T10:00:00.000Z",
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "keel-cases-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: unknown) =>
  writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));

describe("readCaseFiles", () => {
  it("reads every .json case in the folder, sorted by file name, and ignores other files", () => {
    write("b.json", { ...valid, id: "promoted-b" });
    write("a.json", { ...valid, id: "promoted-a" });
    write(".gitkeep", "");
    expect(readCaseFiles(dir).map((c) => c.id)).toEqual(["promoted-a", "promoted-b"]);
  });

  it("reads an empty folder as no cases", () => {
    expect(readCaseFiles(dir)).toEqual([]);
  });

  it("names the file and the zod issue of a case that breaks the schema", () => {
    const { promotedBy: _dropped, ...missing } = valid;
    write("broken.json", missing);
    expect(() => readCaseFiles(dir)).toThrow(CaseFileError);
    expect(() => readCaseFiles(dir)).toThrow(
      /broken\.json is not an eval case \(domain\/evals\/case\.ts\): promotedBy: /,
    );
  });

  it("names the file of a case that is not JSON", () => {
    write("half.json", '{"version": 1,');
    expect(() => readCaseFiles(dir)).toThrow(/half\.json is not JSON: /);
  });

  it("refuses an expected field an eval case cannot score, listing the ones it can", () => {
    write("lines.json", { ...valid, expected: { lines: "3" } });
    expect(() => readCaseFiles(dir)).toThrow(
      /lines\.json: expected\.lines is not a field an eval case scores; use documentClass, vendorName, /,
    );
  });

  it("refuses two files with one id", () => {
    write("one.json", valid);
    write("two.json", valid);
    expect(() => readCaseFiles(dir)).toThrow(/two\.json: id "promoted-3f0c2a8e-.*" is also the id of .*one\.json/);
  });

  it("refuses a folder that does not exist, saying to pass one that does", () => {
    expect(() => readCaseFiles(path.join(dir, "missing"))).toThrow(
      /The eval case folder .*missing does not exist\. Pass an existing folder to --cases\./,
    );
  });

  it("finds only valid cases in the repository's evals/cases folder", () => {
    expect(() => readCaseFiles()).not.toThrow();
  });
});
