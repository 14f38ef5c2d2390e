import { createHash } from "node:crypto";
import { ulid } from "ulid";
import type { EngineContext } from "./context";
import type { Tx } from "./db";
import { json } from "./db";
import { durationMs, storedDelayMs } from "./duration";
import { keyValue, matches } from "./expr";
import { idempotencyTaken, rateLimited, throttleDelay } from "./flow";
import { eventKeys } from "./pause-match";
import { cancelRun, createRun, resolvePendingStep } from "./run-state";
import { enqueue } from "./store/jobs";
import { listFunctions } from "./store/functions";
import { lockRun } from "./store/runs";
import type { TraceContext } from "./trace-context";
import type { EventPayload, FunctionRow } from "./types";

export type IncomingEvent = {
  name?: unknown;
  data?: unknown;
  id?: unknown;
  ts?: unknown;
  v?: unknown;
  user?: unknown;
};

export class InvalidEventError extends Error {}

/**
 * Events under inngest/ (function.failed, scheduled.timer, function.invoked…) mean the engine itself saw something
 * happen; one posted from outside could fail a healthy run's onFailure or fire a cron at will, so none is taken.
 */
export function assertNotInternal(incoming: Array<IncomingEvent | null>): void {
  for (const [index, raw] of incoming.entries()) {
    if (typeof raw?.name === "string" && raw.name.startsWith("inngest/")) {
      throw new InvalidEventError(
        `event ${index} ("${raw.name}"): names under inngest/ are reserved for events the engine emits itself`,
      );
    }
  }
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The SDK retries a send with the same x-inngest-event-id-seed ("<ms>,<base64 entropy>"); deriving the internal
 * id from it makes the retry land on the same row, so a send retried after a lost reply is not ingested twice.
 */
export function seededId(seed: string, index: number): string | undefined {
  const [msText, entropy] = seed.split(",");
  const ms = Number(msText);
  if (!Number.isInteger(ms) || ms < 0 || !entropy) return undefined;
  let time = "";
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = (CROCKFORD[t % 32] ?? "0") + time;
    t = Math.floor(t / 32);
  }
  const digest = createHash("sha256").update(`${entropy}:${index}`).digest();
  let random = "";
  for (let i = 0; i < 16; i++) random += CROCKFORD[(digest[i] ?? 0) % 32] ?? "0";
  return time + random;
}

/** Wildcards as Inngest allows them: "app/*" matches every event under "app/". */
export function eventNameMatches(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(name);
}

/**
 * Stores events and acts on them (cancellations, waits, triggers) in the caller's transaction; returns their ids.
 * The runs they start continue `trace`, the trace context they were sent with.
 */
export async function ingestEvents(
  ctx: EngineContext,
  tx: Tx,
  incoming: Array<IncomingEvent | null>,
  seed?: string,
  trace?: TraceContext,
): Promise<string[]> {
  const ids: string[] = [];
  // Read once per send: no event of it changes which functions are synced.
  let functions: Promise<FunctionRow[]> | undefined;
  for (const [index, raw] of incoming.entries()) {
    if (typeof raw?.name !== "string" || raw.name.length === 0)
      throw new InvalidEventError(`event ${index} has no name`);
    if (raw.data !== undefined && raw.data !== null && (typeof raw.data !== "object" || Array.isArray(raw.data))) {
      throw new InvalidEventError(`event ${index} ("${raw.name}"): data must be an object`);
    }
    const internalId = (seed && seededId(seed, index)) || ulid();
    ids.push(internalId);
    const event: EventPayload = {
      name: raw.name,
      data: (raw.data as Record<string, unknown> | undefined) ?? {},
      id: typeof raw.id === "string" && raw.id ? raw.id : internalId,
      // Stored as bigint ms: a float or an unsafe integer would fail the insert, and with it the whole send.
      ts: Number.isSafeInteger(raw.ts) ? (raw.ts as number) : Date.now(),
      ...(typeof raw.v === "string" ? { v: raw.v } : {}),
    };
    // The reads an event needs are sent with its insert, not after it: one round trip instead of three while the
    // sender waits. They run after the insert on the same connection, so they see what it wrote.
    functions ??= listFunctions(tx);
    const [stored, pauses] = await Promise.all([
      tx`
      insert into events (internal_id, id, name, data, ts) values (${internalId}, ${event.id}, ${event.name}, ${json(tx, event.data)}, ${event.ts})
      on conflict (internal_id) do nothing returning internal_id`,
      candidatePauses(tx, event),
      functions,
    ]);
    if (stored.length === 0) continue;
    if (event.id !== internalId) {
      const fresh = await tx`
        insert into event_ids (id, internal_id, expires_at) values (${event.id}, ${internalId}, now() + interval '24 hours')
        on conflict (id) do update set internal_id = excluded.internal_id, expires_at = excluded.expires_at
          where event_ids.expires_at < now()
        returning id`;
      if (fresh.length === 0) {
        ctx.log.info({ eventId: event.id, eventName: event.name }, "duplicate event id within 24h: ignored");
        continue;
      }
    }
    await processEvent(ctx, tx, event, internalId, trace, pauses, await functions);
  }
  return ids;
}

async function processEvent(
  ctx: EngineContext,
  tx: Tx,
  event: EventPayload,
  internalId: string,
  trace: TraceContext | undefined,
  pauses: PauseRow[],
  functions: FunctionRow[],
) {
  await resumePauses(ctx, tx, event, pauses);
  for (const fn of functions) {
    for (const trigger of fn.config.triggers) {
      if (!trigger.event || !eventNameMatches(trigger.event, event.name)) continue;
      if (!matches(trigger.expression, { event })) continue;
      await startFromEvent(ctx, tx, fn, event, internalId, trace);
      break;
    }
  }
}

type PauseRow = { id: string; run_id: string; step_id: string; kind: "wait" | "cancel"; expr: string | null };

/**
 * The pauses an event may meet: unkeyed ones on its name, and keyed ones whose value is the event's own
 * (engine/pause-match.ts), each found through pauses_match_idx whatever the number of runs waiting on the name.
 */
export async function candidatePauses(tx: Tx, event: EventPayload): Promise<PauseRow[]> {
  const keys = eventKeys(event);
  if (!keys) {
    return tx<PauseRow[]>`
      select id, run_id, step_id, kind, expr from pauses
      where event_name = ${event.name} and kind in ('wait', 'cancel') and (expires_at is null or expires_at > now())
      order by created_at`;
  }
  return tx<PauseRow[]>`
    select id, run_id, step_id, kind, expr from (
      select id, run_id, step_id, kind, expr, created_at, expires_at from pauses
      where event_name = ${event.name} and match_path is null
      union all
      select p.id, p.run_id, p.step_id, p.kind, p.expr, p.created_at, p.expires_at
      from unnest(${keys.paths}::text[], ${keys.values}::text[]) as k (path, value)
      join pauses p on p.event_name = ${event.name} and p.match_path = k.path and p.match_value = k.value
    ) candidates
    where kind in ('wait', 'cancel') and (expires_at is null or expires_at > now())
    order by created_at`;
}

async function resumePauses(ctx: EngineContext, tx: Tx, event: EventPayload, pauses: PauseRow[]) {
  for (const pause of pauses) {
    // Run row first, then the pause: the same lock order as applying a call result, so no deadlock.
    const run = await lockRun(tx, pause.run_id);
    if (!run || run.status !== "Running") continue;
    if (!matches(pause.expr, { event: run.event, async: event })) continue;
    // The wait's timeout goes in the statement that takes the pause, and only if it does: one round trip.
    const timeoutKey = pause.kind === "cancel" ? null : `wait:${run.id}:${pause.step_id}`;
    const taken = await tx`
      with taken as (delete from pauses where id = ${pause.id} returning id),
           timeout as (delete from jobs where job_key = ${timeoutKey} and exists (select 1 from taken))
      select id from taken`;
    if (taken.length === 0) continue;
    if (pause.kind === "cancel") {
      await cancelRun(ctx, tx, run);
    } else {
      await resolvePendingStep(tx, run, pause.step_id, { data: event }, "wait");
      ctx.log.info({ runId: run.id, stepId: pause.step_id, eventName: event.name }, "waitForEvent matched");
    }
  }
}

/**
 * singleton: at most one running run per key. "skip" drops the new event while one runs; "cancel" cancels the
 * running one for the new. Returns the key to store on the new run, undefined without singleton, false to skip.
 */
async function claimSingleton(
  ctx: EngineContext,
  tx: Tx,
  fn: FunctionRow,
  event: EventPayload,
): Promise<string | undefined | false> {
  const singleton = fn.config.singleton;
  if (!singleton) return undefined;
  const key = `${fn.id}:${singleton.key ? keyValue(singleton.key, { event }) : ""}`;
  await tx`select pg_advisory_xact_lock(hashtext(${`singleton:${key}`}))`;
  const running = await tx<{ id: string }[]>`select id from runs where singleton_key = ${key} and status = 'Running'`;
  if (running.length > 0 && singleton.mode === "skip") return false;
  for (const { id } of running) {
    const run = await lockRun(tx, id);
    if (run?.status === "Running") await cancelRun(ctx, tx, run);
  }
  return key;
}

/** Flow control that decides whether and when an event starts a run, then the run. */
export async function startFromEvent(
  ctx: EngineContext,
  tx: Tx,
  fn: FunctionRow,
  event: EventPayload,
  internalId: string | null,
  trace?: TraceContext,
) {
  const debounce = fn.config.debounce;
  if (debounce) {
    const key = `${fn.id}:${debounce.key ? keyValue(debounce.key, { event }) : ""}`;
    const period = storedDelayMs(ctx.timing.scale(durationMs(debounce.period)));
    const timeout = debounce.timeout ? storedDelayMs(ctx.timing.scale(durationMs(debounce.timeout))) : null;
    const [row] = await tx<{ first_at: Date }[]>`
      insert into debounces (key, function_id, event) values (${key}, ${fn.id}, ${json(tx, { event, internalId, trace })})
      on conflict (key) do update set event = excluded.event returning first_at`;
    await enqueue(tx, { key: `debounce:${key}`, kind: "debounce", payload: { key }, delayMs: period });
    // Each new event pushes the deadline back, never past first event + timeout.
    await tx`
      update jobs set run_at = ${
        timeout === null
          ? tx`now() + ${period} * interval '1 millisecond'`
          : tx`least(now() + ${period} * interval '1 millisecond', ${row?.first_at ?? new Date()}::timestamptz + ${timeout} * interval '1 millisecond')`
      }
      where job_key = ${`debounce:${key}`} and lease_owner is null`;
    return;
  }
  await startRunNow(ctx, tx, fn, event, internalId, trace);
}

export async function startRunNow(
  ctx: EngineContext,
  tx: Tx,
  fn: FunctionRow,
  event: EventPayload,
  internalId: string | null,
  trace?: TraceContext,
) {
  if (await rateLimited(ctx, tx, fn, event)) {
    ctx.log.info({ functionId: fn.id, eventId: event.id }, "rate limited: event skipped");
    return;
  }
  if (await idempotencyTaken(tx, fn, event)) {
    ctx.log.info({ functionId: fn.id, eventId: event.id }, "idempotency key seen within 24h: event skipped");
    return;
  }
  const singletonKey = await claimSingleton(ctx, tx, fn, event);
  if (singletonKey === false) {
    ctx.log.info({ functionId: fn.id, eventId: event.id }, "singleton run in progress: event skipped");
    return;
  }
  const delayMs = await throttleDelay(ctx, tx, fn, event);
  await createRun(ctx, tx, fn, event, { delayMs, eventId: internalId, singletonKey, trace });
}
