import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake Messages API answers to the next request. */
export type Scripted =
  | { kind: "tool"; input: unknown; usage?: { input: number; output: number; cacheRead?: number } }
  | { kind: "status"; status: number; retryAfter?: string; body?: unknown }
  | { kind: "hang" }
  | { kind: "text"; text: string; stopReason?: "end_turn" | "refusal" | "max_tokens" };

export type FakeAnthropic = {
  url: string;
  /** Queue answers; when the queue is empty `respond` answers, or else every request gets `fallback`. */
  script: (...answers: Scripted[]) => void;
  /** Answers from the request itself (the eval recording reads the document in it), when nothing is queued. */
  respond?: (body: Record<string, unknown>) => Scripted;
  fallback: Scripted;
  requests: { body: Record<string, unknown>; headers: http.IncomingHttpHeaders }[];
  close: () => Promise<void>;
};

/**
 * A local stand-in for api.anthropic.com's POST /v1/messages, driven by the real @anthropic-ai/sdk through
 * baseURL: answers tool calls, errors with Retry-After, overload (529), hangs, and malformed output.
 */
export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const queue: Scripted[] = [];
  const hanging = new Set<http.ServerResponse>();
  const fake: FakeAnthropic = {
    url: "",
    script: (...answers) => queue.push(...answers),
    fallback: {
      kind: "status",
      status: 500,
      body: { type: "error", error: { type: "api_error", message: "no script" } },
    },
    requests: [],
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.startsWith("/v1/messages")) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as Record<string, unknown>;
      fake.requests.push({ body, headers: req.headers });
      const refused = refusedSetting(body);
      const answer: Scripted = refused
        ? {
            kind: "status",
            status: 400,
            body: { type: "error", error: { type: "invalid_request_error", message: refused } },
          }
        : (queue.shift() ?? fake.respond?.(body) ?? fake.fallback);
      const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, {
          "content-type": "application/json",
          "request-id": `req_${String(fake.requests.length)}`,
          ...headers,
        });
        res.end(JSON.stringify(payload));
      };
      switch (answer.kind) {
        case "hang":
          hanging.add(res);
          return;
        case "status":
          json(
            answer.status,
            answer.body ?? {
              type: "error",
              error: { type: answer.status === 529 ? "overloaded_error" : "rate_limit_error", message: "scripted" },
            },
            answer.retryAfter ? { "retry-after": answer.retryAfter } : {},
          );
          return;
        case "text":
          json(
            200,
            message(body, [{ type: "text", text: answer.text }], { input: 100, output: 20 }, answer.stopReason),
          );
          return;
        case "tool":
          json(
            200,
            message(
              body,
              [
                {
                  type: "tool_use",
                  id: `toolu_${String(fake.requests.length)}`,
                  name: "record_extraction",
                  input: answer.input,
                },
              ],
              answer.usage ?? { input: 1200, output: 400, cacheRead: 900 },
            ),
          );
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return fake;
}

/**
 * The models of the 5.5 generation refuse settings older ones took (Anthropic's Claude Sonnet 5.5 migration guide):
 * forced tool choice, sampling parameters, thinking budgets, thinking turned off. The fake refuses them as the real
 * API does, with a 400, so a request Keel builds is proven to pass on the models it defaults to.
 */
const strictModels = /^claude-(sonnet-5-5|opus-5-5|fable-5-1)/;

function refusedSetting(body: Record<string, unknown>): string | undefined {
  if (typeof body.model !== "string" || !strictModels.test(body.model)) return undefined;
  const toolChoice = (body.tool_choice as { type?: string } | undefined)?.type;
  if (toolChoice === "tool" || toolChoice === "any") {
    return 'tool_choice: type "tool" and "any" are not supported for this model.';
  }
  for (const sampling of ["temperature", "top_p", "top_k"]) {
    if (sampling in body) return `${sampling}: sampling parameters are not supported for this model.`;
  }
  const thinking = body.thinking as { type?: string } | undefined;
  if (thinking?.type === "disabled" || thinking?.type === "enabled") {
    return `"thinking.type.${thinking.type}" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.`;
  }
  return undefined;
}

function message(
  request: Record<string, unknown>,
  content: unknown[],
  usage: { input: number; output: number; cacheRead?: number },
  stopReason?: string,
) {
  return {
    id: "msg_fake",
    type: "message",
    role: "assistant",
    model: request.model,
    content,
    stop_reason:
      stopReason ?? (content.some((c) => (c as { type: string }).type === "tool_use") ? "tool_use" : "end_turn"),
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      cache_read_input_tokens: usage.cacheRead ?? 0,
      cache_creation_input_tokens: 0,
    },
  };
}
