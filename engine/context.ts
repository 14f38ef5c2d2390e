import type { Sql } from "./db";
import type { Dispatcher } from "./handoff";
import type { Logger } from "./log";
import type { Timing } from "./timing";

/** What every part of a running engine shares. */
export type EngineContext = {
  /** Replaced by `recycleDb`: always read it at the point of use. */
  sql: Sql;
  /** Throws the pool away and opens a fresh one (after a stalled connection). */
  recycleDb: (reason: string) => void;
  log: Logger;
  timing: Timing;
  /** This process's lease owner id. */
  engineId: string;
  signingKey?: string | undefined;
  signingKeyFallback?: string | undefined;
  /** The keys `/e/:key` accepts in cloud mode. */
  eventKeys: string[];
  /** Origins apps may register from (those of ENGINE_APP_URLS); empty ⇒ each app stays at its first origin. */
  appOrigins: string[];
  /** Whether calls send what turns the SDK's checkpointing on (ctx.fn_id and the rest). */
  checkpointing: boolean;
  /** The worker, once started: calls that transactions outside it queue due now run here once they commit. */
  dispatcher?: Dispatcher | undefined;
};
