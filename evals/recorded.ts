import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { recordedDir, writeJson } from "./records";

/** One HTTP answer of the Messages API, as it came: the status, the header the provider reads, the JSON body. */
const exchangeSchema = z.object({
  status: z.number().int(),
  retryAfter: z.string().nullable(),
  body: z.unknown(),
});
export type Exchange = z.infer<typeof exchangeSchema>;

/**
 * `evals/recorded/<promptVersion>/<case>.json`: every answer the API gave for one case, per model, in order
 * (a 429 before the answer, a malformed answer and the corrected one), so a replay takes the provider's same path.
 */
export const recordedCaseSchema = z.object({
  promptVersion: z.string().min(1),
  case: z.string().min(1),
  answers: z.record(z.string(), z.array(exchangeSchema)),
});
export type RecordedCase = z.infer<typeof recordedCaseSchema>;

export const recordedCaseFile = (promptVersion: string, caseId: string, dir = recordedDir) =>
  path.join(dir, promptVersion, `${caseId}.json`);

export function readRecordedCases(promptVersion: string, dir = recordedDir): Map<string, RecordedCase> {
  const folder = path.join(dir, promptVersion);
  const cases = new Map<string, RecordedCase>();
  if (!existsSync(folder)) return cases;
  for (const name of readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const parsed = recordedCaseSchema.safeParse(JSON.parse(readFileSync(path.join(folder, name), "utf8")));
    if (!parsed.success)
      throw new Error(
        `${path.relative(process.cwd(), path.join(folder, name))} is not a recorded answer: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}.`,
      );
    cases.set(parsed.data.case, parsed.data);
  }
  return cases;
}

export async function writeRecordedCase(recorded: RecordedCase, dir = recordedDir): Promise<void> {
  await writeJson(recordedCaseFile(recorded.promptVersion, recorded.case, dir), recordedCaseSchema.parse(recorded));
}

const isMessagesCall = (input: Parameters<typeof fetch>[0]) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return new URL(url).pathname.endsWith("/v1/messages");
};

/** A fetch that passes every call through and keeps each Messages API answer it saw. */
export function capturingFetch(inner: typeof fetch = fetch): { fetch: typeof fetch; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const response = await inner(input, init);
    if (!isMessagesCall(input)) return response;
    const text = await response.clone().text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: a replay gives the provider the same unparseable answer.
    }
    exchanges.push({ status: response.status, retryAfter: response.headers.get("retry-after"), body });
    return response;
  };
  return { fetch: wrapped, exchanges };
}

/**
 * A fetch that answers the Messages API from recorded exchanges, in order. Asked once more than was recorded, it
 * fails the request, and `overrun` then says so in words: the SDK would report it only as a failed connection.
 */
export function replayFetch(
  exchanges: readonly Exchange[],
  label: string,
): { fetch: typeof fetch; overrun: () => string | null } {
  let next = 0;
  const replay: typeof fetch = (input) => {
    const exchange = exchanges[next];
    next += 1;
    if (!isMessagesCall(input) || !exchange) return Promise.reject(new Error(`No recorded answer left for ${label}.`));
    const body = typeof exchange.body === "string" ? exchange.body : JSON.stringify(exchange.body);
    const headers = new Headers({ "content-type": "application/json" });
    if (exchange.retryAfter !== null) headers.set("retry-after", exchange.retryAfter);
    return Promise.resolve(new Response(body, { status: exchange.status, headers }));
  };
  return {
    fetch: replay,
    overrun: () =>
      next > exchanges.length
        ? `The recorded answers for ${label} end after ${String(exchanges.length)} response(s) but the provider asked for more: its retries or corrections changed since they were recorded. Re-record them (npm run eval -- --provider anthropic --record).`
        : null,
  };
}
