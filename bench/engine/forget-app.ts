import type postgres from "postgres";
import { transaction } from "@/engine/db";

/**
 * Takes a benchmark app out of the engine's database once its pass is over. Its functions stay synced otherwise, so
 * the next pass's events (same names) would also start its runs, and the next engine would keep calling its closed
 * port with backoff: load only the later pass carries, which made checkpointing on look slower than off.
 */
export async function forgetApp(sql: postgres.Sql, appId: string): Promise<void> {
  // An engine may still be running the app's calls and lock the same runs: `transaction` retries a deadlock.
  await transaction(sql, async (tx) => {
    const running = tx`select id from inngest_engine.runs where app_id = ${appId} and status = 'Running'`;
    await tx`delete from inngest_engine.jobs where run_id in (${running})`;
    await tx`delete from inngest_engine.pauses where run_id in (${running})`;
    await tx`update inngest_engine.runs set status = 'Cancelled', ended_at = now() where app_id = ${appId} and status = 'Running'`;
    await tx`delete from inngest_engine.apps where id = ${appId}`;
  });
}
