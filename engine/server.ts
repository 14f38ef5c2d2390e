import http from "node:http";
import { bearerAuthorised, eventKeyAccepted } from "./auth";
import { CheckpointError, recordCheckpoint } from "./checkpoint";
import { dispatchingTransaction } from "./handoff";
import type { EngineContext } from "./context";
import { DbStallError, transaction } from "./db";
import { assertNotInternal, ingestEvents, InvalidEventError, type IncomingEvent } from "./ingest";
import { finishRun } from "./lifecycle";
import { registerApp, SyncError } from "./register";
import { eventById, runById, runsForEvent } from "./rest";
import { anyWaiter, deliverSignal, InvalidSignalError, parseSignalRequest, type SignalRequest } from "./signals";
import { lockRun } from "./store/runs";
import { traceContextFrom } from "./trace-context";
import type { AppRegistration } from "./store/functions";
import type { Realtime } from "./realtime";

const MAX_BODY = 10 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new HttpError(413, `request body is over the engine's ${String(MAX_BODY / 1024 / 1024)} MB limit`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "body is not JSON");
  }
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Async checkpoints of serve() calls; the sync mode of durable endpoints (`inngest.endpoint`) is not served. */
async function checkpointRoute(
  ctx: EngineContext,
  req: http.IncomingMessage,
  runId: string | undefined,
  mode: string | undefined,
): Promise<[number, unknown]> {
  if (!runId || mode !== "async")
    throw new HttpError(
      404,
      "durable endpoints (inngest.endpoint, sync checkpointing) are not served by this engine: use serve() functions",
    );
  let id: string;
  try {
    id = decodeURIComponent(runId);
  } catch {
    throw new HttpError(400, `run id ${JSON.stringify(runId)} in the checkpoint URL is not URL-encoded text`);
  }
  try {
    return [200, await recordCheckpoint(ctx, id, await readBody(req))];
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    ctx.log.info({ runId, status: error.status, error: error.message }, "checkpoint refused");
    throw new HttpError(error.status, error.message);
  }
}

/** The API an SDK (sync, events) and a test or operator (REST) talk to. */
export function createServer(ctx: EngineContext, realtime?: Realtime): http.Server {
  const authorised = (req: http.IncomingMessage) => bearerAuthorised(ctx, req.headers.authorization);

  /** Returns the status and body to answer with. */
  const route = async (req: http.IncomingMessage): Promise<[number, unknown]> => {
    const url = new URL(req.url ?? "/", "http://engine");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const method = req.method ?? "GET";

    if (method === "POST" && path === "/fn/register") {
      if (!authorised(req)) throw new HttpError(401, "invalid signing key");
      const body = (await readBody(req)) as AppRegistration | null;
      if (!body) throw new HttpError(400, "missing register body");
      try {
        await registerApp(ctx, body);
      } catch (error) {
        if (!(error instanceof SyncError)) throw error;
        // The SDK relays `error` and `status` from this body to whoever sent the PUT.
        return [200, { ok: false, status: 400, error: error.message }];
      }
      return [200, { ok: true, modified: true }];
    }

    const eventMatch = /^\/e(?:\/([^/]+))?$/.exec(path);
    if (method === "POST" && eventMatch) {
      if (!eventKeyAccepted(ctx, eventMatch[1])) {
        ctx.log.warn({ path: "/e/…" }, "event refused: missing or unknown event key");
        return [
          401,
          { error: "missing or unknown event key: send events with the app's INNGEST_EVENT_KEY", status: 401 },
        ];
      }
      const body = await readBody(req);
      const list = (Array.isArray(body) ? body : [body]) as Array<IncomingEvent | null>;
      const seed = req.headers["x-inngest-event-id-seed"];
      // The sender's trace, which the runs these events start continue; events sent without one start none.
      const trace = traceContextFrom(req.headers);
      try {
        assertNotInternal(list);
        const ids = await dispatchingTransaction(ctx.sql, ctx.dispatcher, (tx) =>
          ingestEvents(ctx, tx, list, typeof seed === "string" ? seed : undefined, trace),
        );
        return [200, { ids, status: 200 }];
      } catch (error) {
        if (error instanceof InvalidEventError) return [400, { error: error.message, status: 400 }];
        throw error;
      }
    }

    if (method === "GET" && path === "/health") return [200, { status: "ok" }];

    // Runs and events carry documents' data, and a DELETE cancels work: in cloud mode, operators only.
    if (path.startsWith("/v1/") && !authorised(req))
      throw new HttpError(401, "the REST API needs the signing key: send Authorization: Bearer <INNGEST_SIGNING_KEY>");

    const checkpoint = /^\/v1\/checkpoint(?:\/([^/]+)\/(async|steps))?$/.exec(path);
    if (method === "POST" && checkpoint) return checkpointRoute(ctx, req, checkpoint[1], checkpoint[2]);

    const realtimeAnswer = await realtime?.route(method, path, url, req);
    if (realtimeAnswer) return realtimeAnswer;

    if (method === "POST" && path === "/v1/signals") {
      const body = await readBody(req);
      let signal: SignalRequest;
      try {
        signal = parseSignalRequest(body);
      } catch (error) {
        if (error instanceof InvalidSignalError) return [400, { error: error.message, status: 400 }];
        throw error;
      }
      const runId =
        (await anyWaiter(ctx.sql, signal.signal)) &&
        (await dispatchingTransaction(ctx.sql, ctx.dispatcher, (tx) => deliverSignal(ctx, tx, signal)));
      // The SDK reads a 404 as "no run waits for this signal" and resolves with no run id, as Inngest answers.
      if (!runId) return [404, { error: `no run is waiting for signal "${signal.signal}"`, status: 404 }];
      return [200, { data: { run_id: runId } }];
    }

    const eventRuns = /^\/v1\/events\/([^/]+)\/runs$/.exec(path);
    if (method === "GET" && eventRuns?.[1]) return [200, { data: await runsForEvent(ctx.sql, eventRuns[1]) }];

    const event = /^\/v1\/events\/([^/]+)$/.exec(path);
    if (method === "GET" && event?.[1]) {
      const data = await eventById(ctx.sql, event[1]);
      if (!data) throw new HttpError(404, "event not found");
      return [200, { data }];
    }

    const run = /^\/v1\/runs\/([^/]+)$/.exec(path);
    if (method === "GET" && run?.[1]) {
      const data = await runById(ctx.sql, run[1]);
      if (!data) throw new HttpError(404, "run not found");
      return [200, { data }];
    }
    if (method === "DELETE" && run?.[1]) {
      const runId = run[1];
      await transaction(ctx.sql, async (tx) => {
        const locked = await lockRun(tx, runId);
        if (!locked) throw new HttpError(404, "run not found");
        await finishRun(ctx, tx, locked, "Cancelled", {});
      });
      return [200, { data: await runById(ctx.sql, runId) }];
    }

    throw new HttpError(404, `no route for ${method} ${path}`);
  };

  return http.createServer((req, res) => {
    route(req).then(
      ([status, body]) => {
        send(res, status, body);
      },
      (error: unknown) => {
        if (error instanceof HttpError) {
          send(res, error.status, { error: error.message });
          return;
        }
        ctx.log.error({ err: error, path: req.url }, "request failed");
        if (error instanceof DbStallError) ctx.recycleDb(error.message);
        send(res, 500, { error: "internal error" });
      },
    );
  });
}
