import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";

describe("a CSV cell", () => {
  it.each(['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tcmd"])(
    "turns %j into text a spreadsheet will not run",
    (value) => {
      expect(csvCell(value).replace(/^"|"$/g, "").startsWith("'")).toBe(true);
    },
  );

  it("quotes separators, quotes and line breaks, doubling the quotes", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell("=1,2")).toBe('"\'=1,2"');
  });

  it("leaves plain text and numbers as they are, and writes nothing for null", () => {
    expect(csvCell("task.reject")).toBe("task.reject");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", null, 1])).toBe("a,,1\r\n");
  });
});
