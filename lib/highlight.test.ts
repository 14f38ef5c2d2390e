import { describe, expect, it } from "vitest";
import { highlight } from "./highlight";

describe("highlight", () => {
  it("marks each field's evidence and keeps the text around it", () => {
    expect(
      highlight("Total: 12.00 EUR", [
        { key: "totalMinor", start: 7, end: 12 },
        { key: "currency", start: 13, end: 16 },
      ]),
    ).toEqual([
      { text: "Total: ", mark: null },
      { text: "12.00", mark: "totalMinor" },
      { text: " ", mark: null },
      { text: "EUR", mark: "currency" },
    ]);
  });

  it("shows every character once when marks overlap or run past the text", () => {
    const segments = highlight("INV-7 due", [
      { key: "b", start: 2, end: 4 },
      { key: "a", start: 0, end: 5 },
      { key: "c", start: 6, end: 99 },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe("INV-7 due");
    expect(segments.filter((s) => s.mark).map((s) => s.mark)).toEqual(["a", "c"]);
  });
});
