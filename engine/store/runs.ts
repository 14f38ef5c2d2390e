import type { Tx } from "../db";
import type { RunRow } from "../types";

export async function lockRun(tx: Tx, id: string): Promise<RunRow | undefined> {
  const [row] = await tx<RunRow[]>`select * from runs where id = ${id} for update`;
  return row;
}

export async function getRun(tx: Tx, id: string): Promise<RunRow | undefined> {
  const [row] = await tx<RunRow[]>`select * from runs where id = ${id}`;
  return row;
}

/** A run as a call reads it, with whether its start timer is still queued (read only while it has not started). */
export type RunForCall = RunRow & { start_timer: boolean };

export async function getRunForCall(tx: Tx, id: string): Promise<RunForCall | undefined> {
  const [row] = await tx<RunForCall[]>`
    select r.*, (r.first_call_at is null and exists (select 1 from jobs where job_key = 'timeout-start:' || r.id))
      as start_timer
    from runs r where r.id = ${id}`;
  return row;
}
