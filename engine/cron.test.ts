import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "./cron";

const next = (expr: string, iso: string) => nextCronTime(parseCron(expr), new Date(iso)).toISOString();

describe("cron", () => {
  it("steps minutes", () => {
    expect(next("*/5 * * * *", "2030-01-01T10:02:30Z")).toBe("2030-01-01T10:05:00.000Z");
    expect(next("* * * * *", "2030-01-01T10:02:00Z")).toBe("2030-01-01T10:03:00.000Z");
  });

  it("rolls over days, months and weekdays", () => {
    expect(next("0 9 * * mon", "2030-01-01T10:00:00Z")).toBe("2030-01-07T09:00:00.000Z");
    expect(next("30 0 1 jan *", "2030-01-01T10:00:00Z")).toBe("2031-01-01T00:30:00.000Z");
    expect(next("@hourly", "2030-01-01T10:00:00Z")).toBe("2030-01-01T11:00:00.000Z");
  });

  it("accepts a UTC prefix and rejects other zones and bad fields", () => {
    expect(next("TZ=UTC 0 0 * * *", "2030-01-01T10:00:00Z")).toBe("2030-01-02T00:00:00.000Z");
    expect(() => parseCron("TZ=Europe/Paris 0 0 * * *")).toThrow(/only UTC/);
    expect(() => parseCron("61 * * * *")).toThrow(/out of range/);
  });
});
