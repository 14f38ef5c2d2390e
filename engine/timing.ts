/** The engine's clock knobs; test timing shrinks them so sleeps, timeouts and backoff take milliseconds. */
export type Timing = {
  /** A user-facing duration (sleep, timeout, period, retry-after) as the engine waits it. */
  scale: (ms: number) => number;
  /** Delay before retry number `attempt` (1-based): capped exponential with full jitter. */
  backoff: (attempt: number) => number;
  /** How long a claimed job stays ours without a heartbeat; a crashed engine's jobs return after it. */
  leaseMs: number;
  heartbeatMs: number;
  /**
   * The shortest time between two ticks of a cron. Test timing would bring a minutely cron round every 0.6 s; with
   * a few crons served, their runs then crowd out the work a test waits for on two busy cores.
   */
  cronFloorMs: number;
  /** Idle poll for timers that came due (new work arrives by NOTIFY). */
  pollMs: number;
  /** How long a call waits for a concurrency slot before looking again. */
  slotRetryMs: number;
  callTimeoutMs: number;
  /** A database call slower than this means a dead pooled connection: the pool is replaced. */
  dbDeadlineMs: number;
  /** When the first pruning of old runs and events comes after start, and how often the next ones follow. */
  retentionFirstMs: number;
  retentionEveryMs: number;
};

export function makeTiming(testTiming: boolean, timeScale?: number): Timing {
  const factor = timeScale ?? (testTiming ? 0.01 : 1);
  const [base, cap] = testTiming ? [10, 100] : [1_000, 3_600_000];
  return {
    scale: (ms) => Math.max(0, Math.round(ms * factor)),
    backoff: (attempt) => {
      const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
      return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    },
    leaseMs: testTiming ? 1_500 : 15_000,
    heartbeatMs: testTiming ? 300 : 3_000,
    cronFloorMs: testTiming ? 3_000 : 0,
    pollMs: testTiming ? 25 : 250,
    slotRetryMs: testTiming ? 10 : 100,
    callTimeoutMs: 300_000,
    dbDeadlineMs: testTiming ? 5_000 : 20_000,
    retentionFirstMs: testTiming ? 200 : 60_000,
    retentionEveryMs: 3_600_000,
  };
}
