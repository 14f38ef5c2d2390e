import { describe, expect, it } from "vitest";
import { formatDuration } from "./run-status-badge";

describe("formatDuration", () => {
  it("reads at a glance from milliseconds to the month a sleep can last", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(434)).toBe("434 ms");
    expect(formatDuration(2_500)).toBe("2.5 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(2 * 3_600_000 + 15 * 60_000)).toBe("2 h 15 min");
    expect(formatDuration(31 * 86_400_000 + 3 * 3_600_000)).toBe("31 d 3 h");
  });
});
