import { afterAll, describe, expect, it } from "vitest";

import { extractText } from "@/ai/text";

import { closeDocumentPool, documentPool, extractTextIsolated } from "./index";
import { plainTextHereMaxBytes, readPlainTextHere } from "./plain-text";

const settings = { workers: 1, timeoutMs: 30_000, memoryMb: 256 };

afterAll(closeDocumentPool);

describe("readPlainTextHere", () => {
  it("reads small plain text exactly as a reader's extractText does", async () => {
    const bytes = new Uint8Array(Buffer.from("Rechnung\u0000 1001\r\nStraße 5\fTotal 12,00", "latin1"));
    expect(readPlainTextHere(bytes, "text")).toEqual(await extractText(bytes, "text"));
  });

  it("leaves files past the limit, and every other kind, to a reader", () => {
    expect(readPlainTextHere(new Uint8Array(plainTextHereMaxBytes + 1).fill(0x41), "text")).toBeNull();
    expect(readPlainTextHere(new TextEncoder().encode("a,b\n1,2\n"), "csv")).toBeNull();
  });

  it("starts no reader process for small plain text", async () => {
    const result = await extractTextIsolated(new TextEncoder().encode("Invoice 7\nTotal 3.00\n"), "text", settings);
    expect(result.text.pages[0]?.text).toBe("Invoice 7\nTotal 3.00");
    expect(documentPool(settings).liveWorkers()).toBe(0);
  });
});
