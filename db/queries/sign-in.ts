import { and, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { admitAttempt, type ThrottleRule } from "@/domain/sign-in-throttle";
import { db } from "../index";
import { signInThrottles } from "../schema";
import { recordAudit, systemActor } from "./audit";

export type ThrottleKey = { key: string; rule: ThrottleRule };
export type Lock = { key: string; failures: number; until: Date };

export type SignInAdmission =
  { admitted: true; keys: ThrottleKey[]; locks: Lock[] } | { admitted: false; retryAt: Date };

// Advisory locks in a namespace of their own, so a key's hash never meets the migrations' lock.
const LOCK_NAMESPACE = 7_354_201;
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Counts this attempt against every key before the password is checked, in one transaction holding each key's lock,
 * so attempts made at the same moment are counted one after another and none slips past the limit. Answers which
 * locks this attempt set (they stand if the password is wrong) or, when a key is locked already, until when.
 */
export async function admitSignIn(keys: ThrottleKey[], now = new Date()): Promise<SignInAdmission> {
  // The same order everywhere, so two attempts sharing keys cannot wait on each other.
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
  return db().transaction(async (tx) => {
    for (const { key } of sorted) {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${key}))`);
    }
    const rows = await tx
      .select()
      .from(signInThrottles)
      .where(
        inArray(
          signInThrottles.key,
          sorted.map((k) => k.key),
        ),
      );
    const decisions = sorted.map((k) => ({
      key: k.key,
      admission: admitAttempt(
        rows.find((r) => r.key === k.key),
        now,
        k.rule,
      ),
    }));
    const refusals = decisions.flatMap((d) => (d.admission.admitted ? [] : [d.admission.retryAt.getTime()]));
    if (refusals.length > 0) return { admitted: false, retryAt: new Date(Math.max(...refusals)) } as const;
    const locks: Lock[] = [];
    for (const { key, admission } of decisions) {
      if (!admission.admitted) continue;
      const next = admission.next;
      await tx
        .insert(signInThrottles)
        .values({ key, ...next })
        .onConflictDoUpdate({ target: signInThrottles.key, set: next });
      if (next.lockedUntil) locks.push({ key, failures: next.failures, until: next.lockedUntil });
    }
    return { admitted: true, keys: sorted, locks } as const;
  });
}

/** The password was wrong: the locks this attempt set stand, each written to the audit log once. */
export async function confirmSignInFailure(locks: Lock[], context: { address?: string | undefined }, now = new Date()) {
  await db().transaction(async (tx) => {
    for (const lock of locks) {
      await recordAudit(
        {
          actor: systemActor("sign-in throttle"),
          action: "sign_in.locked",
          subjectType: "sign_in",
          subjectId: lock.key,
          after: { failures: lock.failures, lockedUntil: lock.until.toISOString(), address: context.address ?? null },
        },
        tx,
      );
    }
    // Keys nobody has failed on for a day count nothing any more; a few go with every failure, so the table stays small.
    const stale = tx
      .select({ key: signInThrottles.key })
      .from(signInThrottles)
      .where(
        and(
          lt(signInThrottles.lastFailureAt, new Date(now.getTime() - STALE_AFTER_MS)),
          or(isNull(signInThrottles.lockedUntil), lt(signInThrottles.lockedUntil, now)),
        ),
      )
      .limit(100);
    await tx.delete(signInThrottles).where(inArray(signInThrottles.key, stale));
  });
}

/**
 * The password was right: the account starts afresh, and the address only loses this attempt's count, since one
 * good password must not wipe out an address's guesses at other accounts.
 */
export async function clearSignInFailures(admission: { keys: ThrottleKey[]; locks: Lock[] }, accountKey: string) {
  await db().transaction(async (tx) => {
    await tx.delete(signInThrottles).where(eq(signInThrottles.key, accountKey));
    for (const { key } of admission.keys) {
      if (key === accountKey) continue;
      const setHere = admission.locks.find((l) => l.key === key)?.until ?? null;
      await tx
        .update(signInThrottles)
        .set({
          failures: sql`greatest(${signInThrottles.failures} - 1, 0)`,
          lockedUntil: setHere
            ? sql`case when ${signInThrottles.lockedUntil} = ${setHere.toISOString()}::timestamptz then null else ${signInThrottles.lockedUntil} end`
            : sql`${signInThrottles.lockedUntil}`,
        })
        .where(eq(signInThrottles.key, key));
    }
  });
}

export async function getSignInThrottle(key: string) {
  const [row] = await db().select().from(signInThrottles).where(eq(signInThrottles.key, key));
  return row;
}

/** When the last lock on any of these keys ends, or undefined when none is locked now. */
export async function latestLock(keys: string[], now = new Date()): Promise<Date | undefined> {
  if (keys.length === 0) return undefined;
  const rows = await db()
    .select({ lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(and(inArray(signInThrottles.key, keys), gt(signInThrottles.lockedUntil, now)));
  const times = rows.flatMap((r) => (r.lockedUntil ? [r.lockedUntil.getTime()] : []));
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
}
