import { describe, expect, it } from "vitest";
import { accountRule, admitAttempt, lockoutMessage, lockUntil, type ThrottleState } from "./sign-in-throttle";

const now = new Date("2026-03-01T12:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

function after(failures: number, lockedUntil: Date | null = null): ThrottleState {
  return { failures, lockedUntil, lastFailureAt: now };
}

describe("admitAttempt", () => {
  it("admits a first attempt and counts it", () => {
    expect(admitAttempt(undefined, now, accountRule)).toEqual({ admitted: true, next: after(1) });
  });

  it("locks for a minute on the attempt that reaches the threshold", () => {
    const result = admitAttempt(after(4), now, accountRule);
    expect(result).toEqual({ admitted: true, next: after(5, later(60_000)) });
  });

  it("refuses while locked, without counting", () => {
    expect(admitAttempt(after(5, later(30_000)), now, accountRule)).toEqual({
      admitted: false,
      retryAt: later(30_000),
    });
  });

  it("doubles the lock with each failure past the threshold, up to an hour", () => {
    expect(lockUntil(6, now, accountRule)).toEqual(later(120_000));
    expect(lockUntil(7, now, accountRule)).toEqual(later(240_000));
    expect(lockUntil(40, now, accountRule)).toEqual(later(3_600_000));
    expect(lockUntil(4, now, accountRule)).toBeNull();
  });

  it("admits again once the lock has passed, and the next failure locks for longer", () => {
    const state = { failures: 5, lockedUntil: now, lastFailureAt: later(-60_000) };
    expect(admitAttempt(state, now, accountRule)).toEqual({ admitted: true, next: after(6, later(120_000)) });
  });

  it("forgets failures after a quiet day", () => {
    const state = { failures: 4, lockedUntil: null, lastFailureAt: later(-25 * 3_600_000) };
    expect(admitAttempt(state, now, accountRule)).toEqual({ admitted: true, next: after(1) });
  });
});

describe("lockoutMessage", () => {
  it("says when to try again, rounded up to whole minutes", () => {
    expect(lockoutMessage(later(61_000), now)).toBe(
      "Too many failed sign-ins. Try again in 2 minutes; if you have forgotten your password, ask an admin.",
    );
    expect(lockoutMessage(later(5_000), now)).toContain("Try again in 1 minute;");
  });
});
