import { describe, expect, it } from "vitest";
import { bucketFor, bucketLabel, bucketStarts, parsePeriod } from "./period";
import { baselineOf } from "./window";

const now = new Date("2026-03-10T12:30:00Z");

describe("parsePeriod", () => {
  it("defaults to the last 7 days, ending now", () => {
    const parsed = parsePeriod({}, now);
    expect(parsed.choice).toBe("7d");
    expect(parsed.window).toEqual({ from: new Date("2026-03-03T12:30:00Z"), to: now });
    expect(parsed.errors).toEqual({});
  });

  it("reads 24h and 30d, and falls back to 7 days on a period it does not know", () => {
    expect(parsePeriod({ period: "24h" }, now).window.from).toEqual(new Date("2026-03-09T12:30:00Z"));
    expect(parsePeriod({ period: "30d" }, now).window.from).toEqual(new Date("2026-02-08T12:30:00Z"));
    expect(parsePeriod({ period: "1y" }, now).choice).toBe("7d");
  });

  it("takes a custom range of whole UTC days, the last day included", () => {
    const parsed = parsePeriod({ period: "custom", from: "2005-03-07", to: "2005-03-13" }, now);
    expect(parsed.errors).toEqual({});
    expect(parsed.window).toEqual({ from: new Date("2005-03-07T00:00:00Z"), to: new Date("2005-03-14T00:00:00Z") });
  });

  it("says beside each field what is wrong with a custom range, and shows the default period meanwhile", () => {
    expect(parsePeriod({ period: "custom" }, now).errors).toEqual({
      from: ["Give the first day of the range."],
      to: ["Give the last day of the range."],
    });
    const badDay = parsePeriod({ period: "custom", from: "2005-02-30", to: "yesterday" }, now);
    expect(badDay.errors.from).toEqual(["That day does not exist; pick one from the calendar."]);
    expect(badDay.errors.to?.[0]).toBe("Give the day as a date, such as 2026-03-01.");
    expect(badDay.window).toEqual(parsePeriod({}, now).window);
    expect(parsePeriod({ period: "custom", from: "2005-03-07", to: "2005-03-06" }, now).errors).toEqual({
      to: ["The last day must be on or after the first day."],
    });
    expect(parsePeriod({ period: "custom", from: "2004-01-01", to: "2005-12-31" }, now).errors.to?.[0]).toMatch(
      /at most 366 days/,
    );
    expect(parsePeriod({ period: "custom", from: "2005-03-07", to: "2005-03-06" }, now).from).toBe("2005-03-07");
  });
});

describe("buckets", () => {
  it("cuts up to 48 hours by the hour and longer windows by the day", () => {
    expect(bucketFor({ from: new Date(0), to: new Date(48 * 3_600_000) })).toBe("hour");
    expect(bucketFor({ from: new Date(0), to: new Date(48 * 3_600_000 + 1) })).toBe("day");
  });

  it("lists every bucket from the one the window starts in, quiet ones included", () => {
    const starts = bucketStarts(
      { from: new Date("2026-03-09T12:30:00Z"), to: new Date("2026-03-09T15:00:00Z") },
      "hour",
    );
    expect(starts.map((s) => s.toISOString())).toEqual([
      "2026-03-09T12:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
      "2026-03-09T14:00:00.000Z",
    ]);
    expect(
      bucketStarts({ from: new Date("2005-03-07T00:00:00Z"), to: new Date("2005-03-14T00:00:00Z") }, "day"),
    ).toHaveLength(7);
  });

  it("labels a day by its date and an hour by its date and time, in UTC", () => {
    expect(bucketLabel(new Date("2005-03-07T00:00:00Z"), "day")).toBe("Mar 7");
    expect(bucketLabel(new Date("2005-03-07T14:00:00Z"), "hour")).toBe("Mar 7 14:00");
  });
});

describe("baselineOf", () => {
  it("is the window of the same length just before", () => {
    expect(baselineOf({ from: new Date("2005-03-07T00:00:00Z"), to: new Date("2005-03-14T00:00:00Z") })).toEqual({
      from: new Date("2005-02-28T00:00:00Z"),
      to: new Date("2005-03-07T00:00:00Z"),
    });
  });
});
