import type { EngineContext } from "./context";
import { canonicalJson } from "./jcs";
import { registerApp, SyncError } from "./register";
import { signBody } from "./signing";
import type { FunctionConfig } from "./types";

/**
 * Asks an app to register itself (out of band): a plain PUT to its serve URL, after which the SDK POSTs its config
 * to the engine it is configured for (INNGEST_BASE_URL / INNGEST_DEV). Needs no engine handle, so a launcher that
 * runs the engine as a child process can use it.
 */
export async function syncApp(serveUrl: string): Promise<void> {
  const res = await fetch(serveUrl, { method: "PUT", signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (!res.ok) throw syncFailure(serveUrl, res.status, text);
}

type InBandBody = { app_id: string; url: string; sdk?: string; framework?: string; functions: FunctionConfig[] };

/**
 * Syncs one serve URL. In-band (the app answers the PUT with its config) so it works whatever base URL the app
 * was given; an app that refuses in-band sync registers itself out of band through POST /fn/register instead.
 */
export async function syncServeUrl(
  ctx: EngineContext,
  serveUrl: string,
): Promise<{ appId?: string; functions: number }> {
  const body = canonicalJson({ url: serveUrl });
  const headers: Record<string, string> = { "content-type": "application/json", "x-inngest-sync-kind": "in_band" };
  if (ctx.signingKey) headers["x-inngest-signature"] = signBody(body, ctx.signingKey);
  const res = await fetch(serveUrl, { method: "PUT", headers, body, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (res.headers.get("x-inngest-sync-kind") === "in_band" && res.ok) {
    const config = JSON.parse(text) as InBandBody;
    await registerApp(ctx, {
      appName: config.app_id,
      url: config.url,
      sdk: config.sdk,
      framework: config.framework,
      functions: config.functions,
    });
    return { appId: config.app_id, functions: config.functions.length };
  }
  if (!res.ok) throw syncFailure(serveUrl, res.status, text);
  return { functions: -1 };
}

/**
 * A refusal (4xx) is final: asking again gets the same answer. An app or its proxy that is booting or overloaded
 * (5xx, 429) answers differently a moment later, so that failure is left to the caller's retries.
 */
function syncFailure(serveUrl: string, status: number, text: string): Error {
  const message = `sync of ${serveUrl} failed: HTTP ${String(status)} ${text.slice(0, 500)}`;
  return status >= 500 || status === 429 ? new Error(message) : new SyncError(message);
}
