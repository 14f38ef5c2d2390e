import { setTimeout as sleep } from "node:timers/promises";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  type StoredResponse,
} from "@/db/queries/api-keys";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";

/** What the work behind a key answered, and the document it concerns, which the key may then read. */
export type IdempotentAnswer = { status: number; body: unknown; documentId: string | null };

export type IdempotencyTiming = {
  /** How long a request waits for another one holding the same key before answering 409. */
  waitMs: number;
  /** After how long a reservation with no answer is taken to belong to a request that died. */
  staleMs: number;
  pollMs: number;
};

const defaultTiming: IdempotencyTiming = { waitMs: 30_000, staleMs: 120_000, pollMs: 50 };

/**
 * The request's Idempotency-Key: 1–200 visible ASCII characters, or a 422 that says why it is needed (`retried`
 * names what a retry must never do twice, e.g. "a retried upload is never taken twice").
 */
export function requireIdempotencyKey(request: Request, retried: string): string {
  const key = request.headers.get("idempotency-key")?.trim() ?? "";
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new AppError(
      "invalid:idempotency_key",
      `Send an Idempotency-Key header (1–200 visible ASCII characters, e.g. a UUID) so ${retried}.`,
    );
  }
  return key;
}

/**
 * Runs `work` at most once per API key and Idempotency-Key. Concurrent requests with the key wait for the one that
 * reserved it and replay its answer; a request with another body gets 409 at once, whether the first has finished
 * or not.
 */
export async function withIdempotencyKey(
  scope: { apiKeyId: string; key: string; requestHash: string },
  work: () => Promise<IdempotentAnswer>,
  timing: IdempotencyTiming = defaultTiming,
): Promise<Response> {
  const { apiKeyId, key, requestHash } = scope;
  const giveUpAt = Date.now() + timing.waitMs;
  for (;;) {
    const claim = await claimIdempotencyKey(apiKeyId, key, requestHash, new Date(Date.now() - timing.staleMs));
    if (claim.kind === "mine") break;
    if (claim.kind === "done") return replay(claim.response, requestHash);
    if (claim.requestHash !== requestHash) return conflict();
    if (Date.now() > giveUpAt) {
      throw new AppError(
        "conflict:idempotency_key_in_use",
        "An earlier request with this Idempotency-Key is still being processed. Retry the same request in a few seconds.",
      );
    }
    await sleep(timing.pollMs);
  }
  let answer: IdempotentAnswer;
  try {
    answer = await work();
  } catch (error) {
    await releaseIdempotencyKey(apiKeyId, key, requestHash);
    throw error;
  }
  await completeIdempotencyKey(
    apiKeyId,
    key,
    { requestHash, status: answer.status, body: answer.body },
    answer.documentId,
  );
  return Response.json(answer.body, { status: answer.status });
}

function conflict(): Response {
  return errorResponse(
    new AppError(
      "conflict:idempotency_key",
      "This Idempotency-Key was already used with a different request. Use a new key for a new upload.",
    ),
  );
}

function replay(stored: StoredResponse, requestHash: string): Response {
  if (stored.requestHash !== requestHash) return conflict();
  return Response.json(stored.body, { status: stored.status, headers: { "idempotent-replayed": "true" } });
}
