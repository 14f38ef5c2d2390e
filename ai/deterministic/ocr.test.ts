import { afterAll, describe, expect, it } from "vitest";
import { terminateOcrWorker } from "@/ai/text";
import { extractDeterministic } from "./extract";
import { compare } from "./fixtures/compare";
import { expectations } from "./fixtures/expected";
import { throughOcr } from "./fixtures/pdf";

afterAll(async () => {
  await terminateOcrWorker();
});

describe("a German invoice through OCR", () => {
  it("reads every field but the misspelt name, and names a known vendor despite it", async () => {
    const text = await throughOcr("invoice-de-mueller.txt");
    const expected = expectations.find((e) => e.file === "invoice-de-mueller.txt");
    if (!expected) throw new Error("fixture expectation missing");
    const misses = compare(extractDeterministic(text), expected)
      .filter((c) => !c.ok)
      .map((c) => c.field);
    expect(misses.filter((f) => f !== "vendorName")).toEqual([]);
    const known = extractDeterministic(text, {
      knownVendors: [{ name: "Müller Präzisionstechnik GmbH", aliases: [] }],
    });
    expect(known.fields.vendorName.value).toBe("Müller Präzisionstechnik GmbH");
  }, 60_000);
});
