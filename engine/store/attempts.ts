import type { Tx } from "../db";
import { json } from "../db";
import type { AttemptRow } from "../types";

/** Writes one call's row (a call's usual answer writes its row in `answer_call`, engine migration 12). */
export function insertAttempt(tx: Tx, row: AttemptRow) {
  return tx`
    insert into attempts (run_id, step_id, attempt, engine_id, started_at, ended_at, duration_ms, http_status, outcome, ops, error)
    select ${row.run_id}, ${row.step_id}, ${row.attempt}, ${row.engine_id}, ${row.started_at}, now(),
           ${row.duration_ms}, ${row.http_status}, ${row.outcome}, ${row.ops}, ${json(tx, row.error)}`;
}
