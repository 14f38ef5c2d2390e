import { describe, expect, it } from "vitest";
import { durationMs, MAX_DELAY_MS, retryAfterMs, storedDelayMs } from "./duration";

describe("durationMs", () => {
  it("adds up compound durations", () => {
    expect(durationMs("1h30m")).toBe(5_400_000);
    expect(durationMs("2d")).toBe(172_800_000);
    expect(durationMs("1m500ms")).toBe(60_500);
  });

  it("reads an ISO date as the time left until it", () => {
    expect(durationMs("2030-01-01T00:00:10.000Z", Date.parse("2030-01-01T00:00:00.000Z"))).toBe(10_000);
  });

  it("treats an empty duration as zero and rejects garbage", () => {
    expect(durationMs("")).toBe(0);
    expect(() => durationMs("soon")).toThrow(/Invalid duration/);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and dates", () => {
    expect(retryAfterMs("30")).toBe(30_000);
    expect(retryAfterMs("2030-01-01T00:00:02.000Z", Date.parse("2030-01-01T00:00:00.000Z"))).toBe(2_000);
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe("storedDelayMs", () => {
  it("keeps delays past 2^31 ms and bounds the ones no timestamp can hold", () => {
    expect(storedDelayMs(durationMs("31d"))).toBe(2_678_400_000);
    expect(storedDelayMs(durationMs("99999999999w"))).toBe(MAX_DELAY_MS);
    expect(storedDelayMs(durationMs(`${"9".repeat(400)}d`))).toBe(MAX_DELAY_MS);
    expect(storedDelayMs(-5)).toBe(0);
    expect(storedDelayMs(1.6)).toBe(2);
  });
});
