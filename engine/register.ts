import type { EngineContext } from "./context";
import { transaction } from "./db";
import { parseCron } from "./cron";
import { scheduleCrons } from "./cron-jobs";
import { durationMs } from "./duration";
import { assertExpression } from "./expr";
import { saveApp, type AppRegistration } from "./store/functions";
import type { ConcurrencyConfig, FunctionConfig } from "./types";

/** Config the engine cannot honour: refusing the sync beats silently running without it. */
const UNSUPPORTED: Array<[keyof FunctionConfig, string]> = [
  ["batchEvents", "batchEvents"],
  ["priority", "priority"],
];

export class SyncError extends Error {}

export function validateFunction(fn: FunctionConfig): void {
  const where = `function "${fn.id}"`;
  // The config comes off the wire: check what the types promise.
  const steps = fn.steps as FunctionConfig["steps"] | undefined;
  if (!fn.id || !steps?.step?.runtime.url) throw new SyncError(`${where}: missing id or steps.step.runtime.url`);
  for (const [field, label] of UNSUPPORTED) {
    if (fn[field] !== undefined && fn[field] !== null) {
      throw new SyncError(
        `${where} uses ${label}, which the Keel Inngest engine does not support; remove it or use Inngest Cloud`,
      );
    }
  }
  const check = (expr: string | undefined, what: string) => {
    if (!expr) return;
    try {
      assertExpression(expr, `${where} ${what}`);
    } catch (error) {
      throw new SyncError((error as Error).message);
    }
  };
  const duration = (value: string | undefined, what: string) => {
    if (!value) return;
    try {
      durationMs(value);
    } catch (error) {
      throw new SyncError(`${where} ${what}: ${(error as Error).message}`);
    }
  };
  if (!Array.isArray(fn.triggers) || fn.triggers.length === 0) throw new SyncError(`${where} has no triggers`);
  for (const trigger of fn.triggers) {
    check(trigger.expression, "trigger expression");
    if (trigger.cron) {
      try {
        parseCron(trigger.cron);
      } catch (error) {
        throw new SyncError(`${where}: ${(error as Error).message}`);
      }
    }
  }
  check(fn.idempotency, "idempotency");
  const concurrency = fn.concurrency;
  const limits: ConcurrencyConfig[] =
    concurrency === undefined || concurrency === null
      ? []
      : typeof concurrency === "number"
        ? [{ limit: concurrency }]
        : Array.isArray(concurrency)
          ? concurrency
          : [concurrency];
  if (limits.length > 2) throw new SyncError(`${where}: at most 2 concurrency limits`);
  for (const c of limits) check(c.key, "concurrency key");
  for (const [name, limit] of [
    ["rateLimit", fn.rateLimit],
    ["throttle", fn.throttle],
  ] as const) {
    if (!limit) continue;
    check(limit.key, `${name} key`);
    duration(limit.period, `${name} period`);
  }
  if (fn.timeouts) {
    duration(fn.timeouts.start, "timeouts.start");
    duration(fn.timeouts.finish, "timeouts.finish");
  }
  if (fn.singleton) {
    check(fn.singleton.key, "singleton key");
    if (!["skip", "cancel"].includes(fn.singleton.mode))
      throw new SyncError(`${where}: singleton mode must be skip or cancel`);
  }
  if (fn.debounce) {
    check(fn.debounce.key, "debounce key");
    duration(fn.debounce.period, "debounce period");
    duration(fn.debounce.timeout, "debounce timeout");
  }
  for (const cancel of fn.cancel ?? []) {
    check(cancel.if, "cancelOn if");
    duration(cancel.timeout, "cancelOn timeout");
  }
}

/** Stores an app's functions (replacing its previous set) and its cron schedules. */
export async function registerApp(ctx: EngineContext, app: AppRegistration): Promise<void> {
  if (!app.appName || !app.url || !Array.isArray(app.functions))
    throw new SyncError("register body needs appName, url and functions");
  for (const fn of app.functions) validateFunction(fn);
  await transaction(ctx.sql, async (tx) => {
    const previous = await tx<{ id: string }[]>`select id from functions where app_id = ${app.appName}`;
    await saveApp(tx, app);
    await scheduleCrons(ctx, tx, app.functions, [
      ...new Set([...previous.map((r) => r.id), ...app.functions.map((f) => f.id)]),
    ]);
  });
  ctx.log.info({ appId: app.appName, url: app.url, functions: app.functions.map((f) => f.id) }, "app synced");
}
