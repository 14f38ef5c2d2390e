import type { EngineContext } from "./context";
import type { Sql } from "./db";
import { DbStallError, withDeadline } from "./db";

const DAY_MS = 86_400_000;

export type PruneOptions = {
  /** Finished runs and unneeded events older than this go. */
  retentionMs: number;
  /** Rows per statement: each batch is its own short transaction, so no table stays locked for long. */
  runBatch?: number;
  eventBatch?: number;
  /** Checked between batches, so a stopping engine is not held up by a long backlog. */
  stopping?: () => boolean;
  /** Wraps every statement (the engine gives it its database deadline). */
  guard?: <T>(work: Promise<T>) => Promise<T>;
};

export type Pruned = { runs: number; events: number; expiredKeys: number };

/** Runs a batch until one comes back short: the table has nothing older left. */
async function inBatches(size: number, options: PruneOptions, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await batch();
    total += n;
    if (n < size || options.stopping?.()) return total;
  }
}

/**
 * Deletes finished runs (Completed, Failed, Cancelled) that ended before the cutoff, with their steps (by cascade)
 * and attempts; then events received before it that nothing needs any more: no remaining run started from them,
 * no dedupe window (event_ids) still holds their id, no debounce waits to start a run with them; then expired dedupe
 * and idempotency keys, which already count as absent. Running runs stay whatever their age, and so do their events.
 */
export async function pruneExpired(sql: Sql, options: PruneOptions): Promise<Pruned> {
  const guard = options.guard ?? (<T>(work: Promise<T>) => work);
  const runBatch = options.runBatch ?? 200;
  const eventBatch = options.eventBatch ?? 1_000;
  const retentionMs = options.retentionMs;
  const count = async (work: Promise<{ n: number }[]>) => (await guard(work))[0]?.n ?? 0;

  const runs = await inBatches(runBatch, options, () =>
    count(sql<{ n: number }[]>`
      with doomed as (
        select id from runs where status <> 'Running' and ended_at < now() - ${retentionMs} * interval '1 millisecond'
        order by ended_at limit ${runBatch}
        for update skip locked
      ),
      gone as (delete from runs r using doomed where r.id = doomed.id returning r.id),
      attempts_gone as (delete from attempts where run_id in (select id from gone))
      select count(*)::int as n from gone`),
  );
  const events = await inBatches(eventBatch, options, () =>
    count(sql<{ n: number }[]>`
      with doomed as (
        select internal_id from events e
        where received_at < now() - ${retentionMs} * interval '1 millisecond'
          and not exists (select 1 from runs r where r.event_id = e.internal_id)
          and not exists (select 1 from event_ids i where i.internal_id = e.internal_id and i.expires_at > now())
          and not exists (select 1 from debounces d where d.event->>'internalId' = e.internal_id)
        order by received_at limit ${eventBatch}
        for update of e skip locked
      ),
      gone as (delete from events e using doomed where e.internal_id = doomed.internal_id returning 1)
      select count(*)::int as n from gone`),
  );
  let expiredKeys = 0;
  for (const [table, key] of [
    ["event_ids", "id"],
    ["idempotency_keys", "key"],
  ] as const) {
    expiredKeys += await inBatches(eventBatch, options, () =>
      count(sql<{ n: number }[]>`
        with gone as (
          delete from ${sql(table)} where ${sql(key)} in (
            select ${sql(key)} from ${sql(table)} where expires_at < now()
            order by expires_at limit ${eventBatch}
            for update skip locked)
          returning 1)
        select count(*)::int as n from gone`),
    );
  }
  return { runs, events, expiredKeys };
}

export type Retention = { stop: () => Promise<void> };

/** Prunes shortly after start, then every `retentionEveryMs`; 0 days keeps everything. */
export function startRetention(ctx: EngineContext, retentionDays: number): Retention {
  if (retentionDays <= 0) return { stop: () => Promise.resolve() };
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = pruneExpired(ctx.sql, {
      retentionMs: retentionDays * DAY_MS,
      stopping: () => stopped,
      guard: (work) => withDeadline(work, ctx.timing.dbDeadlineMs, "retention"),
    })
      .then(
        (pruned) => {
          if (pruned.runs + pruned.events + pruned.expiredKeys > 0)
            ctx.log.info({ ...pruned, retentionDays }, "pruned");
        },
        (error: unknown) => {
          ctx.log.warn({ err: error }, "pruning failed: trying again at the next round");
          if (error instanceof DbStallError) ctx.recycleDb(error.message);
        },
      )
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, ctx.timing.retentionEveryMs);
      });
  };
  timer = setTimeout(tick, ctx.timing.retentionFirstMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
