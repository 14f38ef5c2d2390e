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
  // An empty list is an invoke-only function: the SDK leaves out its inngest/function.invoked trigger.
  if (!Array.isArray(fn.triggers)) throw new SyncError(`${where} has no triggers list`);
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

function originOf(url: string, what: string): string {
  try {
    return new URL(url).origin;
  } catch {
    throw new SyncError(`${what} is not a URL: ${url}`);
  }
}

/**
 * The engine sends every step call, with its event and step data, to the URLs an app registers, so an app may
 * register only where it is meant to be: at an origin ENGINE_APP_URLS names, or else where it first registered.
 * Every function's URL must share its app's origin, or a registration could keep the app and move its functions.
 */
export function assertAllowedOrigin(
  ctx: Pick<EngineContext, "appOrigins">,
  app: AppRegistration,
  registeredUrl: string | undefined,
): void {
  const origin = originOf(app.url, `app "${app.appName}"'s url`);
  for (const fn of app.functions) {
    const fnOrigin = originOf(fn.steps.step?.runtime.url ?? app.url, `function "${fn.id}"'s url`);
    if (fnOrigin !== origin)
      throw new SyncError(`function "${fn.id}" is served at ${fnOrigin}, not at its app's origin ${origin}`);
  }
  if (ctx.appOrigins.length > 0) {
    if (!ctx.appOrigins.includes(origin))
      throw new SyncError(
        `app "${app.appName}" at ${origin} is not in this engine's ENGINE_APP_URLS (${ctx.appOrigins.join(", ")}); ` +
          "list its serve URL there to allow it.",
      );
    return;
  }
  const pinned = registeredUrl === undefined ? undefined : new URL(registeredUrl).origin;
  if (pinned !== undefined && pinned !== origin)
    throw new SyncError(
      `app "${app.appName}" is registered at ${pinned}; refusing to move it to ${origin}. ` +
        "List the new serve URL in ENGINE_APP_URLS to allow it.",
    );
}

/** Stores an app's functions (replacing its previous set) and its cron schedules; logs and throws a refusal. */
export async function registerApp(ctx: EngineContext, app: AppRegistration): Promise<void> {
  try {
    await saveRegistration(ctx, app);
  } catch (error) {
    if (error instanceof SyncError)
      ctx.log.error({ appId: app.appName, url: app.url, error: error.message }, "sync rejected");
    throw error;
  }
  ctx.log.info({ appId: app.appName, url: app.url, functions: app.functions.map((f) => f.id) }, "app synced");
}

async function saveRegistration(ctx: EngineContext, app: AppRegistration): Promise<void> {
  if (!app.appName || !app.url || !Array.isArray(app.functions))
    throw new SyncError("register body needs appName, url and functions");
  for (const fn of app.functions) validateFunction(fn);
  await transaction(ctx.sql, async (tx) => {
    // Two first registrations of one app at once must not both see it unregistered.
    await tx`select pg_advisory_xact_lock(hashtext(${`app:${app.appName}`}))`;
    const [registered] = await tx<{ url: string }[]>`select url from apps where id = ${app.appName}`;
    assertAllowedOrigin(ctx, app, registered?.url);
    const previous = await tx<{ id: string }[]>`select id from functions where app_id = ${app.appName}`;
    await saveApp(tx, app);
    await scheduleCrons(ctx, tx, app.functions, [
      ...new Set([...previous.map((r) => r.id), ...app.functions.map((f) => f.id)]),
    ]);
  });
}
