import { describe, expect, it } from "vitest";
import { extractDeterministic } from "./extract";
import { compare } from "./fixtures/compare";
import { expectations } from "./fixtures/expected";
import { isHeldOut } from "./fixtures/held-out";
import { throughPdf } from "./fixtures/pdf";

describe("fixtures as real PDFs through Keel's text extraction", () => {
  it.each(expectations.filter((e) => !isHeldOut(e.file)).map((e) => [e.file, e] as const))(
    "reads %s",
    async (file, expected) => {
      const text = await throughPdf(file);
      if (!text) return;
      const extraction = extractDeterministic(text);
      expect(compare(extraction, expected).filter((c) => !c.ok)).toEqual([]);
      for (const e of [extraction.fields.totalMinor.evidence, extraction.fields.documentNumber.evidence]) {
        if (e) expect(text.pages.find((p) => p.page === e.page)?.text.slice(e.start, e.end)).toBe(e.text);
      }
    },
  );
});
