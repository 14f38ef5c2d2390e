import { afterAll, describe, expect, it } from "vitest";

import { closeDocumentPool } from "@/ai/sandbox";
import { invoiceLines, textPng } from "@/ai/text/testing/documents";
import { getLatestExtraction } from "@/db/queries/documents";
import { withKeelDatabase } from "@/tests/setup/keel-database";

withKeelDatabase();
afterAll(closeDocumentPool);

describe("evidence boxes stored with the extraction", () => {
  it("a scanned PNG's total is outlined where OCR found it on the image, in fractions of the image", async () => {
    // 1654 × 2339 pixels; "Total due: 1,234.56 EUR" sits on the baseline at y 900, 40 pixels tall, from x 120.
    const lines = [...invoiceLines, { text: `Reference ${crypto.randomUUID().slice(0, 8)}`, x: 120, y: 1100 }];
    const { receiveDocument } = await import("@/services/documents/receive");
    const { document } = await receiveDocument({
      bytes: textPng(lines),
      filename: "scan.png",
      source: "upload",
      actor: { id: null, label: "test" },
    });
    const { extractTextStep } = await import("@/services/documents/extract-text");
    const { extractFieldsStep } = await import("@/services/documents/extract-fields");
    expect((await extractTextStep(document.id)).source).toBe("ocr");
    await extractFieldsStep(document.id);

    const total = (await getLatestExtraction(document.id))?.extraction.fields.totalMinor;
    expect(total?.value).toBe(123_456);
    const boxes = total?.evidence?.boxes ?? [];
    expect(boxes).toHaveLength(1);
    const [box] = boxes;
    if (!box) throw new Error("no box");
    const top = box.y * 2339;
    const bottom = (box.y + box.height) * 2339;
    expect(top).toBeGreaterThan(900 - 60);
    expect(bottom).toBeLessThan(900 + 20);
    expect(box.x * 1654).toBeGreaterThan(120);
    expect((box.x + box.width) * 1654).toBeLessThan(1654);
  }, 90_000);
});
