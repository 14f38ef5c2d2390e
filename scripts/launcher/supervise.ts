import type { ChildProcess } from "node:child_process";

export type RestartPolicy = {
  /** The wait before the first restart; each further restart in a row doubles it, up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A child that stayed up this long had recovered: its next crash waits initialDelayMs again. */
  stableAfterMs: number;
  /** Starts in a row that may fail in a way restarting cannot fix before the supervisor gives up. */
  hopelessStarts: number;
};

export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  hopelessStarts: 3,
};

/** The wait before restart number `restart` (1-based) of a run of restarts in a row. */
export function restartDelay(restart: number, policy: RestartPolicy = defaultRestartPolicy): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, restart - 1));
}

/** Where the supervisor reads the time and waits; tests pass their own. */
export type Clock = { now: () => number; sleep: (ms: number, signal: AbortSignal) => Promise<void> };

const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done);
    }),
};

export type Started = { child: ChildProcess };

export type SuperviseOptions<T extends Started> = {
  /** How the child is named in log lines: "Keel's Inngest engine". */
  name: string;
  /** Starts the child and resolves once it is ready; throws a sentence a person can act on. Aborted on stop. */
  start: (signal: AbortSignal) => Promise<T>;
  /** After each restart, once the new child is ready; a failure is logged and the child keeps running. */
  onRestarted?: (started: T) => Promise<void>;
  /** The supervisor has stopped for good: starting failed `hopelessStarts` times in a row in a hopeless way. */
  onGiveUp: (reason: string) => void;
  /** A start failure restarting cannot fix by itself (its port held by another program). */
  isHopeless?: (error: unknown) => boolean;
  log: (line: string) => void;
  /** A child that is alive but stops answering is as good as dead: after `misses` failed checks in a row it is killed. */
  watch?: { healthy: (started: T) => Promise<boolean>; everyMs: number; misses: number };
  policy?: RestartPolicy;
  clock?: Clock;
};

export type Supervisor<T extends Started> = {
  /** The first start: rejects, without retrying, when it fails, since that is a problem to report, not to wait out. */
  ready: Promise<T>;
  current: () => T | undefined;
  /** Stops supervising, ends the child (SIGTERM) and resolves once it has exited. */
  stop: () => Promise<void>;
};

/**
 * Starts a child and starts it again whenever it exits on its own, waiting longer after each restart in a row
 * (capped exponential backoff) and saying so in one line each time.
 */
export function supervise<T extends Started>(options: SuperviseOptions<T>): Supervisor<T> {
  const policy = options.policy ?? defaultRestartPolicy;
  const clock = options.clock ?? realClock;
  const stopping = new AbortController();
  // A function, not the property itself: TypeScript would take the property's first reading as final.
  const stopped = () => stopping.signal.aborted;
  let current: T | undefined;

  async function restartLoop(first: T): Promise<void> {
    let running = first;
    let upSince = clock.now();
    let inARow = 0;
    for (;;) {
      let reason = await ended(running);
      if (stopped()) return;
      if (clock.now() - upSince >= policy.stableAfterMs) inARow = 0;
      let hopeless = 0;
      for (;;) {
        inARow++;
        const delay = restartDelay(inARow, policy);
        options.log(`${reason}; restarting it in ${seconds(delay)} (restart ${String(inARow)}).`);
        await clock.sleep(delay, stopping.signal);
        if (stopped()) return;
        try {
          running = await options.start(stopping.signal);
          break;
        } catch (error) {
          if (stopped()) return;
          reason = (messageOf(error).split("\n")[0] ?? "").replace(/\.$/, "");
          hopeless = options.isHopeless?.(error) ? hopeless + 1 : 0;
          if (hopeless >= policy.hopelessStarts) {
            stopping.abort();
            options.onGiveUp(messageOf(error));
            return;
          }
        }
      }
      if (stopped()) {
        await terminate(running.child);
        return;
      }
      current = running;
      upSince = clock.now();
      void options.onRestarted?.(running).catch((error: unknown) => {
        options.log(`${options.name} is running again, but ${messageOf(error).replace(/\.$/, "")}.`);
      });
    }
  }

  /** Why the child is gone: it exited, or it stopped answering its health checks and was killed for it. */
  async function ended(started: T): Promise<string> {
    const gone = exited(started.child).then((how) => `${options.name} ${how}`);
    const watch = options.watch;
    if (!watch) return gone;
    let missed = 0;
    while (isRunning(started.child) && !stopped()) {
      await clock.sleep(watch.everyMs, stopping.signal);
      if (!isRunning(started.child) || stopped()) break;
      missed = (await watch.healthy(started).catch(() => false)) ? 0 : missed + 1;
      if (missed >= watch.misses) {
        started.child.kill("SIGKILL");
        await gone;
        return `${options.name} stopped answering (${String(missed)} health checks in a row) and was killed`;
      }
    }
    return gone;
  }

  const ready = options.start(stopping.signal).then((first) => {
    current = first;
    return first;
  });
  const done = ready.then(
    (first) => (stopped() ? terminate(first.child) : restartLoop(first)),
    () => undefined,
  );

  return {
    ready,
    current: () => current,
    stop: async () => {
      stopping.abort();
      if (current) await terminate(current.child);
      await done;
    },
  };
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** How the child ended, once it has: "exited (code 1)" or "was killed (SIGKILL)". */
function exited(child: ChildProcess): Promise<string> {
  const describe = (code: number | null, signal: NodeJS.Signals | null) =>
    code === null ? `was killed (${signal ?? "unknown signal"})` : `exited (code ${String(code)})`;
  if (!isRunning(child)) return Promise.resolve(describe(child.exitCode, child.signalCode));
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(describe(code, signal))));
}

async function terminate(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return;
  const gone = exited(child);
  child.kill("SIGTERM");
  await gone;
}

function seconds(ms: number): string {
  return `${String(Number((ms / 1000).toFixed(1)))} s`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
