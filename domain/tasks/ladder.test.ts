import { describe, expect, it } from "vitest";
import { deadlineLadder } from "./ladder";

const opened = new Date("2026-01-01T00:00:00Z");
const deadline = new Date("2026-01-02T00:00:00Z");

describe("deadlineLadder", () => {
  it("reminds at half the time and escalates spend to admins at three quarters", () => {
    expect(deadlineLadder("APPROVE_SPEND", opened, deadline)).toEqual([
      { at: new Date("2026-01-01T12:00:00Z"), rung: { kind: "remind" } },
      { at: new Date("2026-01-01T18:00:00Z"), rung: { kind: "escalate", toRole: "admin" } },
    ]);
  });

  it("escalates a review to approvers", () => {
    expect(deadlineLadder("REVIEW_EXTRACTION", opened, deadline)[1]?.rung).toEqual({
      kind: "escalate",
      toRole: "approver",
    });
  });

  it("only reminds again on admin tasks, which have nowhere higher to go", () => {
    expect(deadlineLadder("CONFIRM_BANK_CHANGE", opened, deadline).map((r) => r.rung.kind)).toEqual([
      "remind",
      "remind",
    ]);
  });
});
