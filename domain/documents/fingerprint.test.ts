import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { appendByte, ocrNoise, reflow } from "@/tests/factories/invoice-copies";
import {
  fingerprintBandKeys,
  fingerprintText,
  nearIdenticalSimilarity,
  normalizeForFingerprint,
  textSimilarity,
} from "./fingerprint";

const fixture = (name: string) => fs.readFileSync(`ai/deterministic/fixtures/${name}`, "utf8");
const acme = fixture("invoice-us-acme.txt");

function similarity(a: string, b: string): number {
  const left = fingerprintText(a);
  const right = fingerprintText(b);
  if (!left || !right) throw new Error("no fingerprint");
  return textSimilarity(left, right);
}

function shareBand(a: string, b: string): boolean {
  const left = new Set(fingerprintBandKeys(fingerprintText(a) ?? []));
  return fingerprintBandKeys(fingerprintText(b) ?? []).some((key) => left.has(key));
}

describe("the text fingerprint", () => {
  it("is the same for a copy with a byte appended and for a re-export with the layout reflowed", () => {
    expect(similarity(acme, appendByte(acme))).toBe(1);
    expect(reflow(acme)).not.toBe(acme);
    expect(similarity(acme, reflow(acme))).toBe(1);
  });

  it.each(["invoice-us-acme.txt", "invoice-at-holz.txt", "c-hotel-folio-en.txt", "held-out-1-us-test-minimal.txt"])(
    "reads a re-scan of %s with OCR misreads as near-identical, and finds it through a shared band",
    (name) => {
      const text = fixture(name);
      for (const every of [15, 20, 30]) {
        const rescan = ocrNoise(text, every);
        expect(rescan).not.toBe(text);
        expect(similarity(text, rescan)).toBeGreaterThanOrEqual(nearIdenticalSimilarity);
        expect(shareBand(text, rescan)).toBe(true);
      }
    },
  );

  it("tells different invoices apart and shares no band with them", () => {
    const others = ["invoice-at-holz.txt", "invoice-au-koala.txt", "invoice-ca-maple.txt"].map(fixture);
    for (const other of others) {
      expect(similarity(acme, other)).toBeLessThan(0.3);
      expect(shareBand(acme, other)).toBe(false);
    }
  });

  it("has none for a text too short to say anything, so blank scans never match each other", () => {
    expect(fingerprintText("")).toBeNull();
    expect(fingerprintText("Invoice 42 total 10.00")).toBeNull();
    expect(fingerprintBandKeys([])).toEqual([]);
  });

  it("folds what OCR confuses and drops spacing and punctuation", () => {
    expect(normalizeForFingerprint("INVOICE No. 10-5\nTotal: 80,00 — Bürger")).toBe(
      normalizeForFingerprint("lnv0ice N0 1O5 T0ta1 BO.OO Burger"),
    );
  });

  it("is stable: the same text gives the same sketch, as 128 signed 32-bit integers, in 32 bands", () => {
    const sketch = fingerprintText(acme) ?? [];
    expect(sketch).toEqual(fingerprintText(acme));
    expect(sketch).toHaveLength(128);
    expect(sketch.every((value) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31)).toBe(true);
    expect(fingerprintBandKeys(sketch)).toHaveLength(32);
  });

  it("takes time linear in the text: ten times the text costs about ten times as long", () => {
    const unit = acme.repeat(20);
    const time = (text: string) => {
      const start = performance.now();
      fingerprintText(text);
      return performance.now() - start;
    };
    time(unit);
    const small = Math.min(time(unit), time(unit));
    const large = Math.min(time(unit.repeat(10)), time(unit.repeat(10)));
    expect(large / small).toBeLessThan(25);
  });
});
