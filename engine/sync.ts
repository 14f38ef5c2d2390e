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
  if (!res.ok) throw new SyncError(`sync of ${serveUrl} failed: HTTP ${res.status} ${text.slice(0, 500)}`);
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
  if (!res.ok) throw new SyncError(`sync of ${serveUrl} failed: HTTP ${res.status} ${text.slice(0, 500)}`);
  return { functions: -1 };
}
