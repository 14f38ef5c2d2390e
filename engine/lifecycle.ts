import type { EngineContext } from "./context";
import type { Tx } from "./db";
import { ingestEvents } from "./ingest";
import { closeRun, resumeParent, type RunResult } from "./run-state";
import { getFunction } from "./store/functions";
import { runTrace } from "./trace-context";
import type { RunRow, RunStatus } from "./types";

const FAILED_EVENT = "inngest/function.failed";

/** An onFailure handler's own failure must not trigger failure handlers again. */
async function isFailureHandler(tx: Tx, functionId: string): Promise<boolean> {
  const fn = await getFunction(tx, functionId);
  return fn?.config.triggers.some((t) => t.event === FAILED_EVENT) ?? false;
}

/** Ends a run; a failed one emits inngest/function.failed, which starts its failure handlers. */
export async function finishRun(
  ctx: EngineContext,
  tx: Tx,
  run: RunRow,
  status: Exclude<RunStatus, "Running">,
  result: RunResult,
) {
  if (!(await closeRun(ctx, tx, run, status, result))) return;
  if (status === "Failed" && !(await isFailureHandler(tx, run.function_id))) {
    await ingestEvents(
      ctx,
      tx,
      [
        {
          name: FAILED_EVENT,
          data: {
            function_id: run.function_id,
            run_id: run.id,
            error: result.error,
            event: run.event,
            events: run.events,
          },
        },
      ],
      undefined,
      runTrace(run),
    );
  }
  await resumeParent(tx, run, status, result);
}
