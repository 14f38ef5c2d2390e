import { describe, expect, it } from "vitest";
import { storableExtractedText, storableText } from "./storable-text";

describe("storableText", () => {
  it("replaces NUL and other C0 controls with a space and lone surrogates with U+FFFD, keeping every offset", () => {
    const raw = "Rech\u0000nung\u0001 \ud800 \udc00 end";
    const clean = storableText(raw);
    expect(clean).toBe("Rech nung  \ufffd \ufffd end");
    expect(clean).toHaveLength(raw.length);
  });

  it("keeps tabs, line breaks, form feeds and well-formed pairs such as emoji", () => {
    const text = "a\tb\nc\r\nd\fe 😀 ₹";
    expect(storableText(text)).toBe(text);
  });

  it("cleans page text, span text and warnings of an extracted text, whatever its source", () => {
    const cleaned = storableExtractedText({
      source: "email",
      pages: [{ page: 1, text: "Total\u0000 9", spans: [{ text: "Total\u0000", start: 0, end: 6 }] }],
      warnings: ["odd \ud83d"],
    });
    expect(cleaned.pages[0]?.text).toBe("Total  9");
    expect(cleaned.pages[0]?.spans[0]?.text).toBe("Total ");
    expect(cleaned.warnings).toEqual(["odd \ufffd"]);
    expect(JSON.stringify(cleaned)).not.toMatch(/\\u0000|\\ud83d/u);
  });
});
