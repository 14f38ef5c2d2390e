import type { Sql } from "./db";
import type { Logger } from "./log";
import type { Timing } from "./timing";

/** What every part of a running engine shares. */
export type EngineContext = {
  sql: Sql;
  log: Logger;
  timing: Timing;
  /** This process's lease owner id. */
  engineId: string;
  signingKey?: string | undefined;
  signingKeyFallback?: string | undefined;
};
