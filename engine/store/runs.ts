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
