import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

import { ParseBudgetError } from "./errors";
import type { SerializedError, WorkerMessage, WorkerRequest } from "./protocol";

export type PoolOptions = {
  /** The module each worker process runs (see `worker.ts`). */
  entry: string;
  /** Node flags for the workers, before the memory limit (e.g. `--import tsx` to run TypeScript). */
  execArgv?: string[];
  cwd?: string;
  /** Worker processes at most; jobs beyond wait in order. */
  size: number;
  /** Wall-clock limit of one job, from the moment a worker takes it. */
  timeoutMs: number;
  /** V8 heap of one worker (`--max-old-space-size`). */
  memoryMb: number;
  /** Resident memory of one worker, heap plus what native code and buffers hold; checked while a job runs. */
  residentMb: number;
  /** How long a worker may take to load. */
  startTimeoutMs?: number;
  /** An idle worker exits after this long, giving back what its libraries hold. */
  idleMs?: number;
  /**
   * Workers kept however long they idle: starting one (Node, the parsers, under tsx a compile) costs seconds, which
   * the next document alone after a quiet minute would otherwise wait.
   */
  keepWarm?: number;
};

/** An error the worker threw, as plain data: the caller turns it back into its own classes. */
export class RemoteError extends Error {
  readonly remote: SerializedError;
  constructor(remote: SerializedError) {
    super(remote.message);
    this.name = remote.name;
    this.remote = remote;
  }
}

type Job = {
  id: number;
  name: string;
  input: unknown;
  /** This job's own wall-clock limit, when it differs from the pool's. */
  timeoutMs?: number;
  /** When this job must be done by (epoch ms), however long it waited for a worker to start or come free. */
  deadline?: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
};
type Worker = {
  child: ChildProcess;
  ready: boolean;
  job: Job | null;
  stderr: string;
  timers: NodeJS.Timeout[];
  idle?: NodeJS.Timeout;
  stopping: boolean;
};

const pageBytes = 4096;
const watchMs = 100;

/**
 * Runs jobs in separate Node processes, so a document that spins or balloons costs its own process and never the
 * server's event loop. Each job gets a wall-clock limit and a memory limit; a worker past either is killed
 * (SIGKILL, which also ends native code and OCR threads) and replaced by the next job that needs one.
 */
export class ProcessPool {
  private readonly options: Required<PoolOptions>;
  private readonly workers = new Set<Worker>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PoolOptions) {
    this.options = {
      execArgv: [],
      cwd: process.cwd(),
      startTimeoutMs: 30_000,
      idleMs: 60_000,
      keepWarm: 0,
      ...options,
    };
  }

  run<T>(name: string, input: unknown, options: { timeoutMs?: number; deadline?: number } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error("The document reader pool is closed."));
    return new Promise<T>((resolve, reject) => {
      const resolveAny = resolve as (value: unknown) => void;
      this.queue.push({ id: this.nextId++, name, input, ...options, resolve: resolveAny, reject });
      this.dispatch();
    });
  }

  /**
   * Starts the workers kept warm (`keepWarm`) now, so the first document someone waits on finds one ready instead of
   * paying for Node, the loader and the parsers. Resolves once they are ready, or have failed to start (the next job
   * then starts its own and reports why).
   */
  warm(): Promise<void> {
    if (this.closed) return Promise.resolve();
    for (let live = this.liveWorkers(); live < this.options.keepWarm; live++) this.spawn();
    const starting = [...this.workers].filter((worker) => !worker.ready && !worker.stopping);
    return Promise.all(
      starting.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.child.on("message", (message: WorkerMessage) => {
              if (message.type === "ready") resolve();
            });
            worker.child.once("exit", () => resolve());
          }),
      ),
    ).then(() => undefined);
  }

  /** Worker processes running or starting, not those being stopped. */
  liveWorkers(): number {
    return [...this.workers].filter((worker) => !worker.stopping).length;
  }

  /** Kills every worker and fails what is still queued (tests, shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("The document reader pool was closed."));
    const exits = [...this.workers].map((worker) => this.stop(worker));
    await Promise.all(exits);
  }

  private dispatch(): void {
    this.dispatchQueued();
    this.holdProcess();
  }

  /** Workers keep this process alive only while there is work: a server never waits on idle readers to exit. */
  private holdProcess(): void {
    const busy = this.queue.length > 0 || [...this.workers].some((worker) => worker.job !== null);
    for (const worker of this.workers) {
      const handles = [worker.child, worker.child.channel] as (
        { ref?: () => void; unref?: () => void } | null | undefined
      )[];
      for (const handle of handles) {
        if (busy && !worker.stopping) handle?.ref?.();
        else handle?.unref?.();
      }
    }
  }

  private dispatchQueued(): void {
    while (this.queue.length > 0) {
      const free = [...this.workers].find((worker) => worker.ready && worker.job === null && !worker.stopping);
      if (free) {
        const job = this.queue.shift();
        if (job) this.start(free, job);
        continue;
      }
      const starting = [...this.workers].filter((worker) => !worker.ready && !worker.stopping).length;
      const live = [...this.workers].filter((worker) => !worker.stopping).length;
      // Enough workers are on their way for what is queued, or the pool is full.
      if (starting >= this.queue.length || live >= this.options.size) return;
      this.spawn();
    }
  }

  private spawn(): void {
    const { entry, execArgv, cwd, memoryMb, startTimeoutMs } = this.options;
    const child = fork(entry, [], {
      cwd,
      execArgv: [...execArgv, `--max-old-space-size=${String(memoryMb)}`],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    const worker: Worker = { child, ready: false, job: null, stderr: "", timers: [], stopping: false };
    this.workers.add(worker);
    child.stderr?.on("data", (chunk: Buffer) => {
      worker.stderr = (worker.stderr + chunk.toString("utf8")).slice(-4000);
    });
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    const startTimer = setTimeout(() => {
      this.fail(
        worker,
        new Error(
          `The document reader did not start within ${String(startTimeoutMs)} ms. ${tail(worker.stderr)}`.trim(),
        ),
      );
    }, startTimeoutMs);
    startTimer.unref();
    child.on("message", (message: WorkerMessage) => {
      if (message.type === "ready") {
        clearTimeout(startTimer);
        worker.ready = true;
        this.release(worker);
        return;
      }
      const job = worker.job;
      if (!job || message.id !== job.id) return;
      this.finish(worker);
      if (message.ok) job.resolve(message.value);
      else job.reject(new RemoteError(message.error));
      this.release(worker);
    });
    child.on("error", (error) => {
      this.fail(worker, new Error(`The document reader could not run: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(startTimer);
      const job = worker.job;
      this.finish(worker);
      this.workers.delete(worker);
      if (job && !worker.stopping) job.reject(this.crashError(worker, code, signal));
      else if (!worker.ready && !worker.stopping)
        this.failQueued(
          new Error(
            `The document reader could not start (exit ${String(code ?? signal)}). ${tail(worker.stderr)}`.trim(),
          ),
        );
      if (!this.closed) this.dispatch();
    });
  }

  private start(worker: Worker, job: Job): void {
    clearTimeout(worker.idle);
    worker.job = job;
    const { residentMb } = this.options;
    const timeoutMs =
      job.deadline === undefined ? (job.timeoutMs ?? this.options.timeoutMs) : Math.max(1, job.deadline - Date.now());
    const timer = setTimeout(() => this.breach(worker, new ParseBudgetError("time", timeoutMs)), timeoutMs);
    timer.unref();
    worker.timers.push(timer);
    const pid = worker.child.pid;
    if (pid !== undefined && canWatchMemory()) {
      const watch = setInterval(() => {
        const resident = residentBytes(pid);
        if (resident !== null && resident > residentMb * 1024 * 1024)
          this.breach(worker, new ParseBudgetError("memory", residentMb));
      }, watchMs);
      watch.unref();
      worker.timers.push(watch);
    }
    const request: WorkerRequest = { type: "job", id: job.id, name: job.name, input: job.input };
    worker.child.send(request, (error) => {
      if (error) this.breach(worker, new Error(`The document could not be handed to its reader: ${error.message}`));
    });
  }

  /** The job is over its budget: its worker is killed, the job fails with `error`, and the queue moves on. */
  private breach(worker: Worker, error: Error): void {
    const job = worker.job;
    this.finish(worker);
    if (job) job.reject(error);
    void this.stop(worker);
  }

  private fail(worker: Worker, error: Error): void {
    const job = worker.job;
    this.finish(worker);
    if (job) job.reject(error);
    else this.failQueued(error);
    void this.stop(worker);
  }

  /** A worker that cannot start would fail every job the same way; the oldest waiting job learns why. */
  private failQueued(error: Error): void {
    this.queue.shift()?.reject(error);
  }

  private finish(worker: Worker): void {
    for (const timer of worker.timers.splice(0)) clearTimeout(timer);
    worker.job = null;
  }

  private release(worker: Worker): void {
    clearTimeout(worker.idle);
    worker.idle = setTimeout(() => {
      if (this.liveWorkers() > this.options.keepWarm) void this.stop(worker);
    }, this.options.idleMs);
    worker.idle.unref();
    this.dispatch();
  }

  private stop(worker: Worker): Promise<void> {
    worker.stopping = true;
    clearTimeout(worker.idle);
    this.finish(worker);
    const { child } = worker;
    if (child.exitCode !== null || child.signalCode !== null) {
      this.workers.delete(worker);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
      // Whoever awaits the stop waits for the exit; nobody awaiting, the unref'd handle lets the process go.
      child.ref();
    });
  }

  private crashError(worker: Worker, code: number | null, signal: NodeJS.Signals | null): Error {
    // V8 aborts a process past --max-old-space-size with this on stderr.
    if (/heap out of memory|Reached heap limit|allocation failed/i.test(worker.stderr))
      return new ParseBudgetError("memory", this.options.memoryMb);
    return new Error(
      `The document reader stopped unexpectedly (${signal ?? `exit code ${String(code)}`}). ${tail(worker.stderr)}`.trim(),
    );
  }
}

function tail(stderr: string): string {
  const lines = stderr.trim().split("\n").slice(-3).join(" ").trim();
  return lines === "" ? "" : `It said: ${lines}`;
}

let procReadable: boolean | undefined;
function canWatchMemory(): boolean {
  procReadable ??= residentBytes(process.pid) !== null;
  return procReadable;
}

/** Resident memory of a process from Linux's /proc; null elsewhere, where only the heap limit applies. */
function residentBytes(pid: number): number | null {
  try {
    const pages = Number(readFileSync(`/proc/${String(pid)}/statm`, "utf8").split(" ")[1]);
    return Number.isFinite(pages) ? pages * pageBytes : null;
  } catch {
    return null;
  }
}
