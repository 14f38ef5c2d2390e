import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the model saw: which model, for which invoice, when it arrived and when its answer left. */
export type MeteredRequest = {
  model: string;
  invoice: string | null;
  /** The request body as sent, to tell apart requests that name no invoice (a ticket's subject). */
  raw: string;
  startedAt: number;
  endedAt: number | null;
};

export type MeteredModel = {
  url: string;
  requests: MeteredRequest[];
  /** The most requests to `model` (any model when omitted) that were in flight at one moment. */
  maxInFlight: (model?: string) => number;
  /** Parks every request to `model` until `release`, as a provider that accepted the call and never answers. */
  hold: (model: string) => void;
  release: (model: string) => void;
  close: () => Promise<void>;
};

/**
 * A meter in front of the fake Messages API, standing where the provider's own limits would: it records when each
 * request arrives and leaves, so a test can count what the provider saw at once and per minute, and it can hold a
 * model's requests open to saturate a lane. Every answer takes `latencyMs`, so requests overlap as real ones do.
 */
export async function startMeteredModel(upstream: string, latencyMs = 0): Promise<MeteredModel> {
  const requests: MeteredRequest[] = [];
  const held = new Map<string, { parked: (() => void)[] }>();
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString();
      const body = JSON.parse(raw || "{}") as { model?: string };
      const entry: MeteredRequest = {
        model: body.model ?? "",
        invoice: /Invoice #:\s+([A-Z0-9-]+)/.exec(raw)?.[1] ?? null,
        raw,
        startedAt: Date.now(),
        endedAt: null,
      };
      requests.push(entry);
      const end = () => (entry.endedAt ??= Date.now());
      res.on("close", end);
      const hold = held.get(entry.model);
      if (hold) await new Promise<void>((resolve) => hold.parked.push(resolve));
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      if (res.destroyed) return;
      const answer = await fetch(`${upstream}${req.url ?? "/"}`, {
        method: req.method ?? "POST",
        headers: { "content-type": "application/json" },
        body: raw,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of answer.headers) {
        if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name))
          headers[name] = value;
      }
      const text = await answer.text();
      end();
      res.writeHead(answer.status, headers).end(text);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502).end(String(error));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    requests,
    maxInFlight: (model) => {
      const seen = requests.filter((r) => model === undefined || r.model === model);
      const edges = seen.flatMap((r) => [
        { at: r.startedAt, step: 1 },
        { at: r.endedAt ?? Infinity, step: -1 },
      ]);
      // An answer leaving in the same millisecond as the next request arrives frees its place first.
      edges.sort((a, b) => a.at - b.at || a.step - b.step);
      let now = 0;
      let max = 0;
      for (const edge of edges) max = Math.max(max, (now += edge.step));
      return max;
    },
    hold: (model) => void held.set(model, { parked: [] }),
    release: (model) => {
      const hold = held.get(model);
      held.delete(model);
      for (const go of hold?.parked ?? []) go();
    },
    close: async () => {
      for (const hold of held.values()) for (const go of hold.parked) go();
      held.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
