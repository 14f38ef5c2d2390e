import { describe, expect, it } from "vitest";
import { dueLabel } from "./inbox-labels";

const now = new Date("2026-03-10T12:00:00Z");

describe("dueLabel", () => {
  it("says how long is left, short enough for one line", () => {
    expect(dueLabel(new Date("2026-03-10T15:30:00Z"), now)).toBe("in 3 h");
    expect(dueLabel(new Date("2026-03-10T12:20:00Z"), now)).toBe("in 20 min");
    expect(dueLabel(new Date("2026-03-14T12:00:00Z"), now)).toBe("in 4 d");
  });

  it("says how late a task is once its deadline has passed, and when it is due this minute", () => {
    expect(dueLabel(new Date("2026-03-10T10:00:00Z"), now)).toBe("2 h overdue");
    expect(dueLabel(new Date("2026-03-10T12:00:30Z"), now)).toBe("due now");
  });
});
