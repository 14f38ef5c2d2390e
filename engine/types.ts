/** An event as functions receive it. */
export type EventPayload = {
  name: string;
  data: Record<string, unknown>;
  id: string;
  ts: number;
  v?: string;
  user?: Record<string, unknown>;
};

export type Trigger = { event?: string; expression?: string; cron?: string };

export type ConcurrencyConfig = { limit: number; key?: string; scope?: "fn" | "env" | "account" };
export type PeriodLimit = { limit: number; period: string; key?: string; burst?: number };

/** The function config an SDK registers (fields the engine reads). */
export type FunctionConfig = {
  id: string;
  name: string;
  triggers: Trigger[];
  steps: Record<
    string,
    { id: string; name: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }
  >;
  idempotency?: string;
  concurrency?: number | ConcurrencyConfig | ConcurrencyConfig[] | null;
  rateLimit?: PeriodLimit;
  throttle?: PeriodLimit;
  debounce?: { period: string; key?: string; timeout?: string };
  cancel?: Array<{ event: string; if?: string; timeout?: string }>;
  batchEvents?: unknown;
  priority?: unknown;
  timeouts?: { start?: string; finish?: string };
  singleton?: { key?: string; mode: "skip" | "cancel" };
};

export type FunctionRow = { id: string; app_id: string; name: string; url: string; config: FunctionConfig };

export type RunStatus = "Running" | "Completed" | "Failed" | "Cancelled";

export type RunRow = {
  id: string;
  function_id: string;
  app_id: string;
  status: RunStatus;
  event_id: string | null;
  event: EventPayload;
  events: EventPayload[];
  output: unknown;
  error: unknown;
  max_attempts: number;
  req_version: number;
  force_step_plan: boolean;
  memo_count: number;
  /** bigint, which the driver returns as text. */
  state_bytes: string;
  parent_run_id: string | null;
  parent_step_id: string | null;
  traceparent: string | null;
  tracestate: string | null;
  started_at: Date;
  /** When the run's first call began (its start, for timeouts); null while it is still queued. */
  first_call_at: Date | null;
  ended_at: Date | null;
};

export type JobKind = "call" | "sleep" | "wait_timeout" | "invoke_timeout" | "run_timeout" | "debounce" | "cron";

export type JobRow = {
  id: string;
  job_key: string;
  run_id: string | null;
  kind: JobKind;
  step_id: string | null;
  attempt: number;
  payload: Record<string, unknown> | null;
  /** Bumped by every claim: a checkpoint sent by an earlier claim's call is stale. */
  generation: number;
};

/** A memoised step result, in the shape the SDK reads. */
export type StepValue = { data: unknown } | { error: unknown };

/** An op from a 206 response; unknown extra fields are tolerated. */
export type Op = {
  op: string;
  id: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
  opts?: Record<string, unknown>;
};

/** The serialized error shape the SDK produces and onFailure handlers read. */
export type SerializedError = { name: string; message: string; stack?: string; __serialized?: true };

/** An `attempts` row for one SDK call, as `logAttempt` writes it, or `answerCall` with the call's answer. */
export type AttemptRow = {
  run_id: string;
  step_id: string;
  attempt: number;
  engine_id: string;
  started_at: Date;
  duration_ms: number;
  http_status: number | null;
  outcome: string;
  ops: string[] | null;
  error: unknown;
};
