import type postgres from "postgres";
import type { EngineContext } from "./context";
import { DbStallError, statement, withDeadline } from "./db";
import { dispatchingStatement, dispatchingTransaction, type Dispatcher, type Place } from "./handoff";
import { fireCron, fireDebounce, fireRunTimeout, resolveTimer, runCall, type JobRunner } from "./jobs";
import { claimJobs, JOBS_CHANNEL, renewLeases } from "./store/jobs";
import type { JobRow } from "./types";

/**
 * Claims due jobs (SKIP LOCKED, leased) and runs up to `size` of them at once. A job leaves the queue only in the
 * transaction that records its outcome, so a crash at any point leaves it to be claimed again once its lease lapses.
 */
export class Worker implements JobRunner, Dispatcher {
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Places taken by open transactions for calls they queue (engine/handoff.ts), not yet running. */
  private reserved = 0;
  /**
   * Jobs' transactions open now. Each is its job's last act (a call's start, which is not, takes a plain
   * transaction), so a job that queues a call in one ends with it and may pass its place on (engine/handoff.ts).
   */
  private closing = 0;
  private stopped = false;
  private wake: (() => void) | undefined;
  /**
   * Set by a notification or a finished job that came while the loop was claiming: that claim may have run before
   * the new job committed, so the loop claims again at once instead of sleeping a poll interval on it.
   */
  private wakePending = false;
  /**
   * Set when a claim was limited by free places (or skipped for want of one): due jobs may be left in the queue, so
   * a finished job's place must be offered to them. Otherwise a finished job starts no claim: a call it queued was
   * handed its place directly, and anything else queued was announced with a notification.
   */
  private backlog = false;
  private loopDone: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  readonly unreachableStreak = new Map<string, number>();

  constructor(
    readonly ctx: EngineContext,
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
        this.ctx.sql.listen(JOBS_CHANNEL, () => this.nudge()),
        this.ctx.timing.dbDeadlineMs,
        "listen",
      );
      this.unlisten = () => sub.unlisten();
    } catch (error) {
      this.ctx.log.warn({ err: error }, "LISTEN failed: polling only");
    }
  }

  private nudge() {
    if (this.wake) this.wake();
    else this.wakePending = true;
  }

  private forgetWake() {
    this.wakePending = false;
  }

  get owner(): string {
    return this.ctx.engineId;
  }

  get leaseMs(): number {
    return this.ctx.timing.leaseMs;
  }

  reserve(): boolean {
    // A job's transaction that queues a call is its last act: the job's place passes to the call it queued.
    if (this.stopped || this.inFlight.size - this.closing + this.reserved >= this.size) return false;
    this.reserved += 1;
    return true;
  }

  release(count: number): void {
    this.reserved = Math.max(0, this.reserved - count);
  }

  adopt(jobs: JobRow[]): void {
    if (!this.stopped) {
      this.launch(jobs);
      return;
    }
    // Stopping: hand them back to the queue at once, as stop() does with the calls it abandons.
    void this.giveBack(jobs.map((job) => job.id));
  }

  /** Lets another claim take these jobs now rather than when their leases lapse. */
  private async giveBack(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await withDeadline(
      this.ctx
        .sql`update jobs set lease_until = now() where id = any(${ids}::bigint[]) and lease_owner = ${this.ctx.engineId}`,
      this.ctx.timing.dbDeadlineMs,
      "lease release",
    ).catch(() => {});
  }

  /** A transaction whose due calls this worker runs as soon as it commits (engine/handoff.ts). */
  tx<T>(body: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
    return this.lastAct(() => dispatchingTransaction(this.ctx.sql, this, body, this.ctx.timing.dbDeadlineMs));
  }

  /** A statement of its own, as a job's last act: given this job's place for the call it may queue (handoff.ts). */
  statement<T>(body: (sql: postgres.Sql, place: Place | undefined) => Promise<T>): Promise<T> {
    return this.lastAct(() => dispatchingStatement(this.ctx.sql, this, body, this.ctx.timing.dbDeadlineMs));
  }

  /** While a job's last write is open, its own place counts as free for the call that write queues. */
  private async lastAct<T>(write: () => Promise<T>): Promise<T> {
    this.closing += 1;
    try {
      return await write();
    } finally {
      this.closing -= 1;
    }
  }

  private dbFailed(error: unknown) {
    if (error instanceof DbStallError) this.ctx.recycleDb(error.message);
  }

  /** Lets in-flight jobs finish for a moment, then hands the rest back to the queue at once. */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopped = true;
    this.nudge();
    await this.loopDone;
    await Promise.race([Promise.allSettled(this.inFlight.values()), new Promise((r) => setTimeout(r, graceMs))]);
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.giveBack([...this.inFlight.keys()]);
    await this.unlisten?.().catch(() => {});
  }

  private async renew() {
    try {
      const ids = [...this.inFlight.keys()];
      await statement(
        this.ctx.sql,
        (sql) => renewLeases(sql, this.ctx.engineId, ids, this.ctx.timing.leaseMs),
        this.ctx.timing.dbDeadlineMs,
      );
    } catch (error) {
      this.ctx.log.warn({ err: error }, "lease renewal failed");
      this.dbFailed(error);
    }
  }

  private async loop() {
    while (!this.stopped) {
      this.forgetWake();
      const free = this.size - this.inFlight.size - this.reserved;
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
      this.launch(claimed);
      this.backlog = free <= 0 || claimed.length === free;
      if ((claimed.length > 0 && claimed.length === free) || this.wakePending) continue;
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

  private launch(jobs: JobRow[]) {
    for (const job of jobs) {
      // Our own lease lapsed during a stall and we re-claimed a job we are still running: keep one copy.
      if (this.inFlight.has(job.id)) continue;
      const done = this.run(job).finally(() => {
        this.inFlight.delete(job.id);
        if (this.backlog) this.nudge();
      });
      this.inFlight.set(job.id, done);
    }
  }

  private async run(job: JobRow) {
    try {
      switch (job.kind) {
        case "call":
          await runCall(this, job);
          break;
        case "sleep":
          await resolveTimer(this, job, { data: null });
          break;
        case "wait_timeout":
          await resolveTimer(this, job, { data: null }, true);
          break;
        case "invoke_timeout":
          await resolveTimer(this, job, {
            error: {
              name: "InngestInvokeTimeoutError",
              message: "Timed out waiting for the invoked function to complete",
            },
          });
          break;
        case "run_timeout":
          await fireRunTimeout(this, job);
          break;
        case "debounce":
          await fireDebounce(this, job);
          break;
        case "cron":
          await fireCron(this, job);
          break;
      }
    } catch (error) {
      // The lease lapses and another claim retries the job.
      this.ctx.log.error({ err: error, runId: job.run_id, jobKey: job.job_key }, "job failed");
      this.dbFailed(error);
    }
  }
}
