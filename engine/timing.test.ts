import { describe, expect, it } from "vitest";
import { makeTiming } from "./timing";

describe("makeTiming", () => {
  it("backs off exponentially with jitter up to a cap", () => {
    const timing = makeTiming(false);
    for (let attempt = 1; attempt <= 20; attempt++) {
      const ceiling = Math.min(3_600_000, 1_000 * 2 ** (attempt - 1));
      const delay = timing.backoff(attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });

  it("shrinks durations and backoff in test timing", () => {
    const timing = makeTiming(true);
    expect(timing.scale(60_000)).toBe(600);
    expect(timing.backoff(30)).toBeLessThanOrEqual(100);
    expect(makeTiming(true, 0.5).scale(1_000)).toBe(500);
  });
});
