import { describe, expect, it } from "vitest";
import { formatAge, formatUtc } from "./format";

describe("format", () => {
  it("prints a UTC minute", () => {
    expect(formatUtc(new Date("2026-11-25T04:44:59Z"))).toBe("2026-11-25 04:44 UTC");
  });

  it("rounds a wait down to minutes, hours, then days", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    expect(formatAge(new Date("2026-11-22T11:15:30Z"), now)).toBe("44 min");
    expect(formatAge(new Date("2026-11-21T09:00:00Z"), now)).toBe("27 h");
    expect(formatAge(new Date("2026-11-18T12:00:00Z"), now)).toBe("4 d");
    expect(formatAge(new Date("2026-11-22T12:05:00Z"), now)).toBe("0 min");
  });
});
