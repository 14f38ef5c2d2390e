import type { EngineContext } from "./context";
import type { Tx } from "./db";
import { nextCronTime, parseCron } from "./cron";
import { enqueue } from "./store/jobs";
import type { FunctionConfig } from "./types";

export function cronJobKey(functionId: string, cron: string) {
  return `cron:${functionId}:${cron}`;
}

/** Time to the next tick; test timing scales it like every other wait, down to its floor. */
export function nextCronDelay(ctx: EngineContext, cron: string): number {
  const now = new Date();
  const scaled = ctx.timing.scale(nextCronTime(parseCron(cron), now).getTime() - now.getTime());
  return Math.max(scaled, ctx.timing.cronFloorMs);
}

/** After a sync: one pending tick per cron trigger, none for triggers that are gone. */
export async function scheduleCrons(ctx: EngineContext, tx: Tx, functions: FunctionConfig[], appFunctionIds: string[]) {
  const wanted = functions.flatMap((fn) =>
    fn.triggers.filter((t) => t.cron).map((t) => cronJobKey(fn.id, t.cron as string)),
  );
  for (const id of appFunctionIds) {
    await tx`delete from jobs where kind = 'cron' and job_key like ${`cron:${id}:%`} and not (job_key = any(${wanted}::text[]))`;
  }
  for (const fn of functions) {
    for (const trigger of fn.triggers) {
      if (!trigger.cron) continue;
      await enqueue(tx, {
        key: cronJobKey(fn.id, trigger.cron),
        kind: "cron",
        payload: { functionId: fn.id, cron: trigger.cron },
        delayMs: nextCronDelay(ctx, trigger.cron),
      });
    }
  }
}
