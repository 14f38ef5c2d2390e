import { describe, expect, it } from "vitest";
import { documentTaskTypes } from "./task-types";
import { defaultThresholds, resolveThresholds, thresholdsOverrideSchema } from "./thresholds";

describe("thresholdsOverrideSchema", () => {
  it("accepts an empty override and a partial one", () => {
    expect(thresholdsOverrideSchema.parse({})).toEqual({});
    const parsed = thresholdsOverrideSchema.parse({
      confidence: { totalMinor: 0.99 },
      arithmeticToleranceMinor: { line: 2 },
      deadlineHours: { APPROVE_SPEND: 12 },
    });
    expect(parsed.confidence).toEqual({ totalMinor: 0.99 });
  });

  it("rejects unknown keys so a typo never silently does nothing", () => {
    expect(thresholdsOverrideSchema.safeParse({ priceJumpPercnt: 10 }).success).toBe(false);
    expect(thresholdsOverrideSchema.safeParse({ confidence: { totalMinr: 0.9 } }).success).toBe(false);
    expect(thresholdsOverrideSchema.safeParse({ deadlineHours: { APPROVE: 4 } }).success).toBe(false);
  });

  it("rejects values out of range, with messages a person can act on", () => {
    const result = thresholdsOverrideSchema.safeParse({ confidence: { vendorName: 1.5 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Use a confidence from 0 to 1.");
    expect(thresholdsOverrideSchema.safeParse({ arithmeticToleranceMinor: { total: 0.5 } }).success).toBe(false);
    expect(thresholdsOverrideSchema.safeParse({ duplicateWindowDays: -1 }).success).toBe(false);
    expect(thresholdsOverrideSchema.safeParse({ priceJumpPercent: -5 }).success).toBe(false);
  });

  it("validates per-currency maps by ISO code and band order", () => {
    expect(thresholdsOverrideSchema.safeParse({ autoPostMaxMinor: { JPY: 100_000 } }).success).toBe(true);
    expect(thresholdsOverrideSchema.safeParse({ autoPostMaxMinor: { EURO: 100 } }).success).toBe(false);
    expect(
      thresholdsOverrideSchema.safeParse({ riskAmountBands: { EUR: { mediumFromMinor: 10, highFromMinor: 5 } } })
        .success,
    ).toBe(false);
  });
});

describe("resolveThresholds", () => {
  it("returns the defaults without overrides", () => {
    expect(resolveThresholds()).toEqual(defaultThresholds);
  });

  it("lays overrides over the defaults, keeping what they do not name", () => {
    const resolved = resolveThresholds({
      confidence: { totalMinor: 0.5 },
      autoPostMaxMinor: { JPY: 50_000 },
      priceJumpPercent: 0,
      deadlineHours: { APPROVE_SPEND: 4 },
    });
    expect(resolved.confidence.totalMinor).toBe(0.5);
    expect(resolved.confidence.vendorName).toBe(defaultThresholds.confidence.vendorName);
    expect(resolved.autoPostMaxMinor).toEqual({ ...defaultThresholds.autoPostMaxMinor, JPY: 50_000 });
    expect(resolved.priceJumpPercent).toBe(0);
    expect(resolved.deadlineHours).toEqual({ ...defaultThresholds.deadlineHours, APPROVE_SPEND: 4 });
  });

  it("keeps the high risk level at or above the medium one", () => {
    expect(resolveThresholds({ riskLevels: { mediumFromScore: 80 } }).riskLevels).toEqual({
      mediumFromScore: 80,
      highFromScore: 80,
    });
  });

  it("has a confidence threshold and a deadline for everything", () => {
    for (const value of Object.values(defaultThresholds.confidence)) expect(value).toBeGreaterThan(0);
    expect(Object.keys(defaultThresholds.deadlineHours)).toHaveLength(documentTaskTypes.length);
  });

  it("keeps every confidence threshold at least a band above the most confident wrong value the calibration saw", () => {
    // From `npx tsx evals/calibration.ts` (text, PDF and OCR, tuned and before tuning): lowering any of these past
    // the value would let a value class that has been wrong post with nobody looking.
    const mostConfidentWrong = {
      totalMinor: 0.9,
      documentNumber: 0.81,
      vendorName: 0.8,
      issueDate: 0.68,
      bankDetails: 0.75,
      currency: 0.5,
    };
    for (const [field, wrong] of Object.entries(mostConfidentWrong)) {
      expect(defaultThresholds.confidence[field as keyof typeof mostConfidentWrong], field).toBeGreaterThanOrEqual(
        wrong + 0.05 - 1e-9,
      );
    }
  });
});
