import { afterAll, describe, expect, it } from "vitest";

import { closeDocumentPool } from "@/ai/sandbox";
import { pdfWithRawText } from "@/ai/text/testing/documents";
import { getDocumentText } from "@/db/queries/documents";
import { withKeelDatabase } from "@/tests/setup/keel-database";

withKeelDatabase();
afterAll(closeDocumentPool);

describe("text PostgreSQL refuses", () => {
  it("a PDF whose text layer holds a NUL and a lone surrogate is extracted and stored, with those characters replaced", async () => {
    const bytes = pdfWithRawText([
      "Invoice No: NUL-7",
      String.raw`Rech\000nung \002 total`,
      `Total due: 100.00 EUR ${crypto.randomUUID()}`,
    ]);
    const { receiveDocument } = await import("@/services/documents/receive");
    const { document } = await receiveDocument({
      bytes,
      filename: "nul.pdf",
      source: "upload",
      actor: { id: null, label: "test" },
    });
    const { extractTextStep } = await import("@/services/documents/extract-text");

    const summary = await extractTextStep(document.id);

    expect(summary.source).toBe("pdf-text");
    const stored = await getDocumentText(document.id);
    const text = stored?.pages.map((page) => page.text).join("\n") ?? "";
    expect(text).toContain("Invoice No: NUL-7");
    expect(text).toMatch(/Rech.nung/u);
    expect(text.includes("\u0000")).toBe(false);
    // A lone surrogate does not survive UTF-8: the round trip changes exactly the text that is not well formed.
    expect(Buffer.from(text, "utf8").toString("utf8")).toBe(text);
    expect(stored?.pages[0]?.spans.every((span) => !span.text.includes("\u0000"))).toBe(true);
  }, 60_000);
});
