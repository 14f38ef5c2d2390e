import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { RealtimeHub } from "./hub";
import { verifyGrant } from "./token";

const CONNECT_PATH = "/v1/realtime/connect";
/** A browser that vanished without closing is found by the next unanswered ping. */
const PING_INTERVAL_MS = 30_000;

function refuse(socket: Duplex, status: number, reason: string) {
  const body = JSON.stringify({ error: reason });
  socket.end(
    `HTTP/1.1 ${String(status)} ${status === 401 ? "Unauthorized" : "Not Found"}\r\n` +
      `content-type: application/json\r\ncontent-length: ${String(Buffer.byteLength(body))}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * The WebSocket the SDK's `subscribe` opens at /v1/realtime/connect?token=…: the token alone authorises it (a
 * browser has no signing key), and it receives the messages of the token's channel and topics until it closes.
 */
export function attachRealtimeSocket(server: http.Server, hub: RealtimeHub, secret: Buffer): { close: () => void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  const alive = new WeakMap<WebSocket, boolean>();

  server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://engine");
    if (url.pathname.replace(/\/+$/, "") !== CONNECT_PATH) {
      refuse(socket, 404, `no WebSocket at ${url.pathname}: subscribe at ${CONNECT_PATH}`);
      return;
    }
    const grant = verifyGrant(secret, url.searchParams.get("token") ?? "");
    if ("refused" in grant) {
      refuse(socket, 401, grant.refused);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      const unsubscribe = hub.subscribe({
        channel: grant.channel,
        topics: new Set(grant.topics),
        deliver: (message) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
        },
      });
      ws.on("pong", () => alive.set(ws, true));
      // Subscribers only listen: what they send is ignored.
      ws.on("message", () => {});
      ws.on("error", () => ws.terminate());
      ws.on("close", unsubscribe);
    });
  });

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  return {
    close: () => {
      clearInterval(pinger);
      // Terminated, not closed: a close handshake could hold the engine's shutdown for as long as a peer stalls.
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
