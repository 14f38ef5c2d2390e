import type { Tx } from "../db";
import { json } from "../db";
import type { AttemptRow } from "../types";

/**
 * `insert into attempts … select …` for one call's row, a fragment: alone it writes the row, and followed by
 * `from <cte>` it writes it only when that CTE returned a row.
 */
export function insertAttempt(tx: Tx, row: AttemptRow) {
  return tx`
    insert into attempts (run_id, step_id, attempt, engine_id, started_at, ended_at, duration_ms, http_status, outcome, ops, error)
    select ${row.run_id}, ${row.step_id}, ${row.attempt}, ${row.engine_id}, ${row.started_at}, now(),
           ${row.duration_ms}, ${row.http_status}, ${row.outcome}, ${row.ops}, ${json(tx, row.error)}`;
}
