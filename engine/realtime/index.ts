import { createHash } from "node:crypto";
import type http from "node:http";
import type { EngineContext } from "../context";
import { RealtimeHub } from "./hub";
import { realtimeRoute } from "./routes";
import { attachRealtimeSocket } from "./socket";

export type Realtime = {
  route: ReturnType<typeof realtimeRoute>;
  attach: (server: http.Server) => void;
  /** After the pool is replaced. */
  listen: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Tokens are signed with a key every engine process of one deployment derives alike: from the signing key in
 * cloud mode, from the database URL in dev mode (where the REST API is open anyway, as on Inngest's dev server).
 */
function tokenSecret(ctx: EngineContext, databaseUrl: string): Buffer {
  return createHash("sha256")
    .update(`inngest-engine-realtime:${ctx.signingKey ?? databaseUrl}`)
    .digest();
}

/** Inngest's realtime API: tokens, publishing, and the subscribers' WebSocket, fanned out through Postgres. */
export async function startRealtime(ctx: EngineContext, databaseUrl: string): Promise<Realtime> {
  const hub = new RealtimeHub(ctx);
  await hub.listen();
  const secret = tokenSecret(ctx, databaseUrl);
  let socket: { close: () => void } | undefined;
  return {
    route: realtimeRoute(hub, secret),
    attach: (server) => {
      socket = attachRealtimeSocket(server, hub, secret);
    },
    listen: () => hub.listen(),
    stop: async () => {
      socket?.close();
      await hub.stop();
    },
  };
}
