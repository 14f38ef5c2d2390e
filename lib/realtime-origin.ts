import type { Env } from "@/lib/env";

/** Where the SDK goes when nothing names an Inngest: Inngest Cloud's API, which also serves its realtime socket. */
const INNGEST_CLOUD_API = "https://api.inngest.com";
/** The SDK's own default for a dev server it was told to use without a URL. */
const INNGEST_DEV_SERVER = "http://localhost:8288";

/**
 * The origin of the WebSocket a page opens to follow changes live, as the SDK's subscribe derives it from the
 * Inngest API's URL (http → ws, https → wss), so the pages' Content-Security-Policy can let exactly that one through.
 */
export function realtimeOrigin(e: Pick<Env, "INNGEST_BASE_URL" | "INNGEST_DEV">): string {
  const dev = e.INNGEST_DEV && !["0", "false"].includes(e.INNGEST_DEV.toLowerCase()) ? e.INNGEST_DEV : undefined;
  const devUrl = dev && URL.canParse(dev) ? dev : dev ? INNGEST_DEV_SERVER : undefined;
  const api = new URL(e.INNGEST_BASE_URL ?? devUrl ?? INNGEST_CLOUD_API);
  return `${api.protocol === "http:" ? "ws:" : "wss:"}//${api.host}`;
}
