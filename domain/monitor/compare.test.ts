import { describe, expect, it } from "vitest";
import { ageBandOf } from "./age-bands";
import { compareRates, formatPoints, formatShare } from "./compare";
import { rate } from "./window";

describe("comparing rates with their baseline", () => {
  it("gives the change in percentage points, rounded to a tenth", () => {
    expect(compareRates(0.25, 0.1)).toEqual({ current: 0.25, baseline: 0.1, deltaPoints: 15 });
    expect(compareRates(1 / 3, 0.5).deltaPoints).toBe(-16.7);
  });

  it("has no change when either side has no data", () => {
    expect(compareRates(null, 0.1).deltaPoints).toBeNull();
    expect(compareRates(0.1, null).deltaPoints).toBeNull();
  });

  it("writes shares and points as people read them, and says when there is nothing", () => {
    expect(formatShare(0.125)).toBe("12.5 %");
    expect(formatShare(null)).toBe("no data");
    expect(formatPoints(2)).toBe("+2.0 pts");
    expect(formatPoints(-1.5)).toBe("−1.5 pts");
    expect(formatPoints(0)).toBe("±0.0 pts");
    expect(formatPoints(null)).toBe("no baseline");
  });

  it("has no rate over nothing", () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
  });
});

describe("ageBandOf", () => {
  it("puts each age in the band that starts at or below it", () => {
    expect(ageBandOf(0)).toBe("under_4h");
    expect(ageBandOf(3.99)).toBe("under_4h");
    expect(ageBandOf(4)).toBe("4h_to_1d");
    expect(ageBandOf(24)).toBe("1d_to_3d");
    expect(ageBandOf(100)).toBe("over_3d");
  });
});
