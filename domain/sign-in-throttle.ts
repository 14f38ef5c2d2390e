/**
 * How many wrong passwords a sign-in key (an account or a client address) may have before it is locked, and for how
 * long. Past the threshold every further failure doubles the lock, up to a cap; the count is forgotten after a
 * quiet window with no failure.
 */
export type ThrottleRule = { threshold: number; baseLockMs: number; maxLockMs: number; windowMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Five guesses, then 1, 2, 4 … 60 minutes each: about 30 guesses a day at most, while a person who mistypes a
// few times never notices.
export const accountRule: ThrottleRule = { threshold: 5, baseLockMs: MINUTE, maxLockMs: HOUR, windowMs: 24 * HOUR };
// One address may try many accounts (an office behind one NAT), so it gets more room, but a spray still stops.
export const addressRule: ThrottleRule = { threshold: 20, baseLockMs: MINUTE, maxLockMs: HOUR, windowMs: HOUR };

export type ThrottleState = { failures: number; lockedUntil: Date | null; lastFailureAt: Date };

export type Admission = { admitted: true; next: ThrottleState } | { admitted: false; retryAt: Date };

export function lockUntil(failures: number, now: Date, rule: ThrottleRule): Date | null {
  if (failures < rule.threshold) return null;
  const ms = Math.min(rule.baseLockMs * 2 ** Math.min(failures - rule.threshold, 32), rule.maxLockMs);
  return new Date(now.getTime() + ms);
}

/**
 * An attempt is counted as a failure before its password is checked, and undone if it succeeds: so attempts made
 * at the same moment cannot all see "not locked yet" and all get a guess. A locked key refuses without counting,
 * so hammering a locked account does not lengthen its lock.
 */
export function admitAttempt(state: ThrottleState | undefined, now: Date, rule: ThrottleRule): Admission {
  if (state?.lockedUntil && state.lockedUntil > now) return { admitted: false, retryAt: state.lockedUntil };
  const recent = state && now.getTime() - state.lastFailureAt.getTime() < rule.windowMs ? state.failures : 0;
  const failures = recent + 1;
  return { admitted: true, next: { failures, lockedUntil: lockUntil(failures, now, rule), lastFailureAt: now } };
}

/** What a locked person reads: the same for every email, known or not, so it tells nothing about who has an account. */
export function lockoutMessage(retryAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / MINUTE));
  const wait = minutes === 1 ? "1 minute" : `${String(minutes)} minutes`;
  return `Too many failed sign-ins. Try again in ${wait}; if you have forgotten your password, ask an admin.`;
}
