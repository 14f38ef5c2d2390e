import type http from "node:http";
import { z } from "zod";
import { MAX_MESSAGE_BYTES, MessageTooLargeError, type RealtimeHub } from "./hub";
import { signGrant } from "./token";

/** What the SDK's `getSubscriptionToken` posts: one entry per topic, all on one channel. */
const tokenRequest = z
  .array(z.object({ channel: z.string().min(1), name: z.string().min(1), kind: z.string().optional() }))
  .min(1, "name at least one topic");

const answer = (status: number, body: unknown): [number, unknown] => [status, body];

async function readText(req: http.IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function token(req: http.IncomingMessage, secret: Buffer): Promise<[number, unknown]> {
  const text = await readText(req, 64 * 1024);
  let body: unknown;
  try {
    body = JSON.parse(text ?? "");
  } catch {
    return answer(400, { error: "send a JSON array of { channel, name } entries, one per topic" });
  }
  const parsed = tokenRequest.safeParse(body);
  if (!parsed.success)
    return answer(400, { error: `send a JSON array of { channel, name } entries: ${parsed.error.issues[0]?.message}` });
  const [channel, ...others] = new Set(parsed.data.map((entry) => entry.channel));
  if (!channel || others.length > 0)
    return answer(400, { error: "a token covers one channel: ask for one token per channel" });
  return answer(200, { jwt: signGrant(secret, { channel, topics: [...new Set(parsed.data.map((e) => e.name))] }) });
}

async function publish(req: http.IncomingMessage, url: URL, hub: RealtimeHub): Promise<[number, unknown]> {
  if ((req.headers["content-type"] ?? "").startsWith("text/stream"))
    return answer(415, { error: "streamed realtime messages are not supported by this engine: publish JSON" });
  const channel = url.searchParams.get("channel") ?? "";
  const topics = url.searchParams.getAll("topic").filter(Boolean);
  if (!channel || topics.length === 0)
    return answer(400, { error: "name the channel and at least one topic: ?channel=<name>&topic=<name>" });
  const text = await readText(req, MAX_MESSAGE_BYTES);
  if (text === undefined) return answer(413, { error: new MessageTooLargeError().message });
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // The SDK sends a string as it is, unquoted.
  }
  const runId = url.searchParams.get("run_id") ?? undefined;
  const createdAt = new Date().toISOString();
  try {
    for (const topic of new Set(topics))
      await hub.publish({
        kind: "data",
        channel,
        topic,
        data,
        created_at: createdAt,
        ...(runId ? { run_id: runId } : {}),
      });
  } catch (error) {
    if (error instanceof MessageTooLargeError) return answer(413, { error: error.message });
    throw error;
  }
  return answer(200, { ok: true });
}

/**
 * The realtime REST calls the SDK makes with the signing key (server.ts checks it before this runs): minting a
 * subscription token and publishing. Answers undefined for any other path.
 */
export function realtimeRoute(
  hub: RealtimeHub,
  secret: Buffer,
): (method: string, path: string, url: URL, req: http.IncomingMessage) => Promise<[number, unknown] | undefined> {
  return async (method, path, url, req) => {
    if (method !== "POST") return undefined;
    if (path === "/v1/realtime/token") return token(req, secret);
    if (path === "/v1/realtime/publish") return publish(req, url, hub);
    return undefined;
  };
}
