import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractText, terminateOcrWorker } from "@/ai/text";
import { textPng, type PlacedLine } from "@/ai/text/testing/documents";
import { extractDeterministic } from "./extract";
import { compare } from "./fixtures/compare";
import { expectations } from "./fixtures/expected";

afterAll(async () => {
  await terminateOcrWorker();
});

/** A fixture rendered as a scan and read back by Keel's OCR (English data: umlauts come back as plain letters). */
async function throughOcr(file: string) {
  const raw = readFileSync(path.join(import.meta.dirname, "fixtures", file), "utf8");
  const lines = raw.split("\n").flatMap((line, row) =>
    [...line.matchAll(/\S+(?: \S+)*/gu)].map((m): PlacedLine => ({ text: m[0], x: 60 + m.index * 15.5, y: 80 + row * 44, size: 26 })),
  );
  return (await extractText(textPng(lines), "png")).text;
}

describe("a German invoice through OCR", () => {
  it("reads every field but the misspelt name, and names a known vendor despite it", async () => {
    const text = await throughOcr("invoice-de-mueller.txt");
    const expected = expectations.find((e) => e.file === "invoice-de-mueller.txt");
    if (!expected) throw new Error("fixture expectation missing");
    const misses = compare(extractDeterministic(text), expected).filter((c) => !c.ok).map((c) => c.field);
    expect(misses.filter((f) => f !== "vendorName")).toEqual([]);
    const known = extractDeterministic(text, { knownVendors: [{ name: "Müller Präzisionstechnik GmbH", aliases: [] }] });
    expect(known.fields.vendorName.value).toBe("Müller Präzisionstechnik GmbH");
  }, 60_000);
});
