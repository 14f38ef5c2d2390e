import type { EngineContext } from "./context";
import type { Tx } from "./db";
import { durationMs } from "./duration";
import { keyValue } from "./expr";
import type { ConcurrencyConfig, EventPayload, FunctionRow, PeriodLimit } from "./types";

/**
 * GCRA over a key: `limit` per `period`, plus `burst` extra at once. Returns how long the caller must wait
 * (0 = now); with `reject`, a caller that would have to wait is refused instead (-1) and takes no slot.
 */
export async function gcra(
  tx: Tx,
  key: string,
  limit: number,
  periodMs: number,
  burst: number,
  reject: boolean,
): Promise<number> {
  const emission = periodMs / Math.max(1, limit);
  const tolerance = periodMs - emission + burst * emission;
  await tx`insert into flow_limits (key, tat) values (${key}, now()) on conflict (key) do nothing`;
  const [row] = await tx<{ wait_ms: number }[]>`
    select greatest(0, extract(epoch from (greatest(tat, now()) - now())) * 1000 - ${tolerance})::float8 as wait_ms
    from flow_limits where key = ${key} for update`;
  const waitMs = row?.wait_ms ?? 0;
  if (waitMs > 0 && reject) return -1;
  await tx`update flow_limits set tat = greatest(tat, now()) + ${emission} * interval '1 millisecond' where key = ${key}`;
  return waitMs;
}

function periodKey(prefix: string, fn: FunctionRow, limit: PeriodLimit, event: EventPayload) {
  return `${prefix}:${fn.id}:${limit.key ? keyValue(limit.key, { event }) : ""}`;
}

/** rateLimit: excess events are dropped. */
export async function rateLimited(ctx: EngineContext, tx: Tx, fn: FunctionRow, event: EventPayload): Promise<boolean> {
  const limit = fn.config.rateLimit;
  if (!limit) return false;
  const period = ctx.timing.scale(durationMs(limit.period));
  return (await gcra(tx, periodKey("rl", fn, limit, event), limit.limit, period, 0, true)) < 0;
}

/** throttle: excess runs start later, in order. */
export async function throttleDelay(ctx: EngineContext, tx: Tx, fn: FunctionRow, event: EventPayload): Promise<number> {
  const limit = fn.config.throttle;
  if (!limit) return 0;
  const period = ctx.timing.scale(durationMs(limit.period));
  return gcra(tx, periodKey("th", fn, limit, event), limit.limit, period, limit.burst ?? 0, false);
}

/** idempotency: one run per key value per 24 h. */
export async function idempotencyTaken(tx: Tx, fn: FunctionRow, event: EventPayload): Promise<boolean> {
  if (!fn.config.idempotency) return false;
  const key = `idem:${fn.id}:${keyValue(fn.config.idempotency, { event })}`;
  const rows = await tx`
    insert into idempotency_keys (key, expires_at) values (${key}, now() + interval '24 hours')
    on conflict (key) do update set expires_at = excluded.expires_at where idempotency_keys.expires_at < now()
    returning key`;
  return rows.length === 0;
}

export type SlotKey = { key: string; limit: number };

export function concurrencyKeys(fn: FunctionRow, event: EventPayload): SlotKey[] {
  const raw = fn.config.concurrency;
  if (raw === undefined || raw === null) return [];
  const list: ConcurrencyConfig[] = typeof raw === "number" ? [{ limit: raw }] : Array.isArray(raw) ? raw : [raw];
  return list
    .filter((c) => c.limit > 0)
    .map((c) => {
      const value = c.key ? keyValue(c.key, { event }) : "";
      const scope = c.scope ?? "fn";
      const owner = scope === "fn" ? fn.id : scope === "env" ? `env:${c.key ?? ""}` : `account:${c.key ?? ""}`;
      return { key: `conc:${owner}:${value}`, limit: c.limit };
    });
}

/**
 * Takes a concurrency slot for an SDK call under every key, or none. Only executing calls hold slots, so a
 * sleeping or waiting run never blocks others. Crashed engines' slots lapse with their job leases.
 */
export async function acquireSlots(tx: Tx, jobId: string, keys: SlotKey[], leaseMs: number): Promise<boolean> {
  for (const { key, limit } of [...keys].sort((a, b) => a.key.localeCompare(b.key))) {
    await tx`select pg_advisory_xact_lock(hashtext(${key}))`;
    await tx`delete from concurrency_slots where key = ${key} and lease_until < now()`;
    const [row] = await tx<
      { n: number }[]
    >`select count(*)::int as n from concurrency_slots where key = ${key} and job_id <> ${jobId}`;
    if ((row?.n ?? 0) >= limit) {
      await tx`delete from concurrency_slots where job_id = ${jobId}`;
      return false;
    }
    await tx`
      insert into concurrency_slots (key, job_id, lease_until) values (${key}, ${jobId}, now() + ${leaseMs} * interval '1 millisecond')
      on conflict (key, job_id) do update set lease_until = excluded.lease_until`;
  }
  return true;
}
