import { applyResult, logAttempt, type CallContext } from "./apply";
import { callApp } from "./call";
import type { EngineContext } from "./context";
import { DbStallError, transaction, withDeadline } from "./db";
import type postgres from "postgres";
import { acquireSlots, concurrencyKeys } from "./flow";
import { startRunNow } from "./ingest";
import { createRun, finishRun, resolvePendingStep } from "./lifecycle";
import { cronJobKey, nextCronDelay } from "./cron-jobs";
import { claimJobs, completeJob, enqueue, JOBS_CHANNEL, postponeJob, renewLeases } from "./store/jobs";
import { getFunction } from "./store/functions";
import { getRun, lockRun } from "./store/runs";
import { loadMemo } from "./store/steps";
import type { EventPayload, JobRow } from "./types";

/**
 * Claims due jobs (SKIP LOCKED, leased) and runs up to `size` of them at once. A job leaves the queue only in the
 * transaction that records its outcome, so a crash at any point leaves it to be claimed again once its lease lapses.
 */
export class Worker {
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopped = false;
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private unreachableStreak = new Map<string, number>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly size: number,
  ) {}

  async start(): Promise<void> {
    await this.listen();
    this.heartbeat = setInterval(() => void this.renew(), this.ctx.timing.heartbeatMs);
    this.loopDone = this.loop();
  }

  /** (Re)subscribes to new-job notifications on the current pool; polling covers any gap. */
  async listen(): Promise<void> {
    await this.unlisten?.().catch(() => {});
    this.unlisten = undefined;
    try {
      const sub = await withDeadline(
        this.ctx.sql.listen(JOBS_CHANNEL, () => this.wake?.()),
        this.ctx.timing.dbDeadlineMs,
        "listen",
      );
      this.unlisten = () => sub.unlisten();
    } catch (error) {
      this.ctx.log.warn({ err: error }, "LISTEN failed: polling only");
    }
  }

  private tx<T>(body: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
    return transaction(this.ctx.sql, body, this.ctx.timing.dbDeadlineMs);
  }

  private dbFailed(error: unknown) {
    if (error instanceof DbStallError) this.ctx.recycleDb(error.message);
  }

  /** Lets in-flight jobs finish for a moment, then hands the rest back to the queue at once. */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loopDone;
    await Promise.race([Promise.allSettled(this.inFlight.values()), new Promise((r) => setTimeout(r, graceMs))]);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const abandoned = [...this.inFlight.keys()];
    if (abandoned.length > 0) {
      await withDeadline(
        this.ctx
          .sql`update jobs set lease_until = now() where id = any(${abandoned}::bigint[]) and lease_owner = ${this.ctx.engineId}`,
        this.ctx.timing.dbDeadlineMs,
        "lease release",
      ).catch(() => {});
    }
    await this.unlisten?.().catch(() => {});
  }

  private async renew() {
    try {
      const ids = [...this.inFlight.keys()];
      await withDeadline(
        renewLeases(this.ctx.sql, this.ctx.engineId, ids, this.ctx.timing.leaseMs),
        this.ctx.timing.dbDeadlineMs,
        "lease renewal",
      );
    } catch (error) {
      this.ctx.log.warn({ err: error }, "lease renewal failed");
      this.dbFailed(error);
    }
  }

  private async loop() {
    while (!this.stopped) {
      const free = this.size - this.inFlight.size;
      let claimed: JobRow[] = [];
      if (free > 0) {
        try {
          claimed = await withDeadline(
            claimJobs(this.ctx.sql, this.ctx.engineId, free, this.ctx.timing.leaseMs),
            this.ctx.timing.dbDeadlineMs,
            "claim",
          );
        } catch (error) {
          this.ctx.log.warn({ err: error }, "claiming jobs failed");
          this.dbFailed(error);
        }
      }
      for (const job of claimed) {
        // Our own lease lapsed during a stall and we re-claimed a job we are still running: keep one copy.
        if (this.inFlight.has(job.id)) continue;
        const done = this.run(job).finally(() => {
          this.inFlight.delete(job.id);
          this.wake?.();
        });
        this.inFlight.set(job.id, done);
      }
      if (claimed.length > 0 && claimed.length === free) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.ctx.timing.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async run(job: JobRow) {
    try {
      switch (job.kind) {
        case "call":
          await this.runCall(job);
          break;
        case "sleep":
          await this.resolveTimer(job, { data: null });
          break;
        case "wait_timeout":
          await this.resolveTimer(job, { data: null }, true);
          break;
        case "invoke_timeout":
          await this.resolveTimer(job, {
            error: {
              name: "InngestInvokeTimeoutError",
              message: "Timed out waiting for the invoked function to complete",
            },
          });
          break;
        case "debounce":
          await this.fireDebounce(job);
          break;
        case "cron":
          await this.fireCron(job);
          break;
      }
    } catch (error) {
      // The lease lapses and another claim retries the job.
      this.ctx.log.error({ err: error, runId: job.run_id, jobKey: job.job_key }, "job failed");
      this.dbFailed(error);
    }
  }

  private async resolveTimer(job: JobRow, value: { data: unknown } | { error: unknown }, isWait = false) {
    await this.tx(async (tx) => {
      const run = job.run_id ? await lockRun(tx, job.run_id) : undefined;
      if (!(await completeJob(tx, job, this.ctx.engineId))) return;
      if (!run || run.status !== "Running" || !job.step_id) return;
      if (isWait) {
        // The pause is consumed by whoever deletes it first: a matching event or this timeout.
        const taken =
          await tx`delete from pauses where run_id = ${run.id} and step_id = ${job.step_id} and kind = 'wait' returning id`;
        if (taken.length === 0) return;
      }
      await resolvePendingStep(tx, run, job.step_id, value, job.kind);
    });
  }

  private async fireDebounce(job: JobRow) {
    await this.tx(async (tx) => {
      if (!(await completeJob(tx, job, this.ctx.engineId))) return;
      const [row] = await tx<{ function_id: string; event: { event: EventPayload; internalId: string | null } }[]>`
        delete from debounces where key = ${String(job.payload?.key)} returning function_id, event`;
      if (!row) return;
      const fn = await getFunction(tx, row.function_id);
      if (fn) await startRunNow(this.ctx, tx, fn, row.event.event, row.event.internalId);
    });
  }

  private async fireCron(job: JobRow) {
    await this.tx(async (tx) => {
      if (!(await completeJob(tx, job, this.ctx.engineId))) return;
      const functionId = String(job.payload?.functionId);
      const cron = String(job.payload?.cron);
      const fn = await getFunction(tx, functionId);
      if (!fn || !fn.config.triggers.some((t) => t.cron === cron)) return;
      const event: EventPayload = {
        name: "inngest/scheduled.timer",
        data: { cron },
        id: `${job.job_key}:${Date.now()}`,
        ts: Date.now(),
      };
      await createRun(this.ctx, tx, fn, event);
      await enqueue(tx, {
        key: cronJobKey(functionId, cron),
        kind: "cron",
        payload: { functionId, cron },
        delayMs: nextCronDelay(this.ctx, cron),
      });
    });
  }

  private async runCall(job: JobRow) {
    const { ctx } = this;
    const read = <T>(work: Promise<T>) => withDeadline(work, ctx.timing.dbDeadlineMs, "read");
    const run = job.run_id ? await read(getRun(ctx.sql, job.run_id)) : undefined;
    const fn = run ? await read(getFunction(ctx.sql, run.function_id)) : undefined;
    if (!run || run.status !== "Running" || !fn) {
      await this.tx(async (tx) => {
        const locked = run ? await lockRun(tx, run.id) : undefined;
        if (!(await completeJob(tx, job, ctx.engineId))) return;
        if (locked?.status === "Running" && !fn) {
          await finishRun(ctx, tx, locked, "Failed", {
            error: { name: "Error", message: `Function "${locked.function_id}" is no longer synced` },
          });
        }
      });
      return;
    }

    const keys = concurrencyKeys(fn, run.event);
    if (keys.length > 0) {
      const got = await this.tx((tx) => acquireSlots(tx, job.id, keys, ctx.timing.leaseMs));
      if (!got) {
        await read(postponeJob(ctx.sql, job, ctx.engineId, ctx.timing.slotRetryMs));
        return;
      }
    }
    const memo = await read(loadMemo(ctx.sql, run.id));
    if (job.step_id && job.step_id !== "step" && job.step_id in memo.steps) {
      // Already memoised (a duplicate plan): never run a finished step again.
      await this.tx((tx) => completeJob(tx, job, ctx.engineId));
      return;
    }
    const startedAt = new Date();
    const result = await callApp(ctx, {
      url: fn.url,
      stepId: job.step_id ?? "step",
      runId: run.id,
      event: run.event,
      events: run.events,
      steps: memo.steps,
      stack: memo.stack,
      attempt: job.attempt,
      maxAttempts: run.max_attempts,
      forceStepPlan: run.force_step_plan,
      version: run.req_version,
    });
    const log = ctx.log.child({ runId: run.id, functionId: fn.id, stepId: job.step_id, attempt: job.attempt });
    // The memo actually sent: a result computed from an older memo than the run's current one is stale.
    const call: CallContext = { job, run, memoCount: memo.stack.length, startedAt };
    if (result.kind === "unreachable") {
      const streak = (this.unreachableStreak.get(run.id) ?? 0) + 1;
      this.unreachableStreak.set(run.id, streak);
      log.warn({ error: result.error, streak }, "app unreachable: call postponed");
      await this.tx(async (tx) => {
        await logAttempt(ctx, tx, call, result);
        await postponeJob(tx, job, ctx.engineId, ctx.timing.backoff(Math.min(streak, 8)));
      });
      return;
    }
    this.unreachableStreak.delete(run.id);
    log.debug(
      {
        status: result.kind === "response" ? result.status : result.kind,
        ms: Math.round(result.durationMs),
        body: result.kind === "response" ? result.body : undefined,
      },
      "call returned",
    );
    await this.tx(async (tx) => {
      const locked = await lockRun(tx, run.id);
      if (!(await completeJob(tx, job, ctx.engineId))) {
        log.warn("lease lost during the call: result discarded");
        return;
      }
      await logAttempt(ctx, tx, call, result);
      if (!locked || locked.status !== "Running") return;
      await applyResult(ctx, tx, { ...call, run: locked }, result);
    });
  }
}
