import { describe, expect, it } from "vitest";
import { signalRetryDelays } from "./signals";

describe("signalRetryDelays", () => {
  const delays = signalRetryDelays();
  const elapsed = delays.map((_, i) => delays.slice(0, i + 1).reduce((a, b) => a + b, 0));

  it("looks again at most 50 ms apart for the first ten seconds, so a run that begins waiting then resumes at once", () => {
    const early = delays.filter((_, i) => (elapsed[i] ?? 0) <= 10_000);
    expect(Math.max(...early)).toBeLessThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(5);
  });

  it("keeps looking for a minute, then leaves the signal to the relay", () => {
    const total = elapsed.at(-1) ?? 0;
    expect(total).toBeGreaterThanOrEqual(59_000);
    expect(total).toBeLessThanOrEqual(61_000);
    expect(Math.max(...delays)).toBe(250);
  });
});
