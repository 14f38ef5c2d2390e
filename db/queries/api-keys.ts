import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { db } from "../index";
import { apiIdempotency, apiKeyDocuments, apiKeys, documents, type ApiKey, type ApiKeyScope } from "../schema";
import { recordAudit, type Actor } from "./audit";

const hashKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Creates a key and returns its secret, the only time it is ever available: only a hash is stored. */
export async function createApiKey(
  name: string,
  actor: Actor,
  scope: ApiKeyScope = "own",
): Promise<{ key: ApiKey; secret: string }> {
  const prefix = randomBytes(4).toString("hex");
  const secret = `keel_${prefix}_${randomBytes(24).toString("base64url")}`;
  return db().transaction(async (tx) => {
    const [key] = await tx
      .insert(apiKeys)
      .values({ name, prefix, hash: hashKey(secret), scope, createdBy: actor.id })
      .returning();
    if (!key) throw new Error("api key insert returned nothing");
    await recordAudit(
      { actor, action: "api_key.created", subjectType: "api_key", subjectId: key.id, after: { name, prefix, scope } },
      tx,
    );
    return { key, secret };
  });
}

export async function listApiKeys(): Promise<ApiKey[]> {
  return db().select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(id: string, actor: Actor): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [key] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!key) return false;
    await recordAudit(
      {
        actor,
        action: "api_key.revoked",
        subjectType: "api_key",
        subjectId: id,
        after: { name: key.name, prefix: key.prefix },
      },
      tx,
    );
    return true;
  });
}

/** The live key a bearer token names, or undefined; compares hashes, so timing says nothing about the secret. */
export async function authenticateApiKey(token: string): Promise<ApiKey | undefined> {
  if (!/^keel_[0-9a-f]{8}_[A-Za-z0-9_-]{32}$/.test(token)) return undefined;
  const [key] = await db()
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.hash, hashKey(token)), isNull(apiKeys.revokedAt)))
    .returning();
  return key;
}

/**
 * Whether a key may read a document: one it sent (or sent again as a duplicate), an attachment found in one, at
 * any depth, or any document with the read_all scope.
 */
export async function apiKeyMayRead(key: Pick<ApiKey, "id" | "scope">, documentId: string): Promise<boolean> {
  if (key.scope === "read_all") return true;
  const rows = await db().execute(sql`
    with recursive chain as (
      select id, parent_document_id, api_key_id from ${documents} where id = ${documentId}
      union all
      select d.id, d.parent_document_id, d.api_key_id from ${documents} d join chain on d.id = chain.parent_document_id
    )
    select 1 from chain
    where api_key_id = ${key.id}
       or exists (select 1 from ${apiKeyDocuments} g where g.api_key_id = ${key.id} and g.document_id = chain.id)
    limit 1`);
  return rows.length > 0;
}

export type StoredResponse = { requestHash: string; status: number; body: unknown };

/**
 * Where an Idempotency-Key stands for this request: `mine` (reserved now: do the work, then complete or release
 * it), `done` (the answer to replay, or refuse when it was another request), or `busy` (another request holds it).
 */
export type IdempotencyClaim =
  { kind: "mine" } | { kind: "done"; response: StoredResponse } | { kind: "busy"; requestHash: string };

/**
 * Reserves the key by inserting its row before any work, so the primary key decides which of concurrent requests
 * does it. A reservation older than `staleBefore` belongs to a request that died and is taken over.
 */
export async function claimIdempotencyKey(
  apiKeyId: string,
  key: string,
  requestHash: string,
  staleBefore: Date,
): Promise<IdempotencyClaim> {
  const [inserted] = await db()
    .insert(apiIdempotency)
    .values({ apiKeyId, key, requestHash, status: null, body: null })
    .onConflictDoNothing()
    .returning({ key: apiIdempotency.key });
  if (inserted) return { kind: "mine" };
  const [takenOver] = await db()
    .update(apiIdempotency)
    .set({ requestHash, createdAt: new Date() })
    .where(
      and(
        eq(apiIdempotency.apiKeyId, apiKeyId),
        eq(apiIdempotency.key, key),
        isNull(apiIdempotency.status),
        lt(apiIdempotency.createdAt, staleBefore),
      ),
    )
    .returning({ key: apiIdempotency.key });
  if (takenOver) return { kind: "mine" };
  const [row] = await db()
    .select()
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.apiKeyId, apiKeyId), eq(apiIdempotency.key, key)));
  // Released between the insert and this read: the caller simply claims again.
  if (!row) return { kind: "busy", requestHash };
  if (row.status === null) return { kind: "busy", requestHash: row.requestHash };
  return { kind: "done", response: { requestHash: row.requestHash, status: row.status, body: row.body } };
}

/** Stores the answer to a reserved key, and notes the document as one this key may read. */
export async function completeIdempotencyKey(
  apiKeyId: string,
  key: string,
  response: StoredResponse,
  documentId: string | null,
): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .update(apiIdempotency)
      .set({ status: response.status, body: response.body })
      .where(
        and(
          eq(apiIdempotency.apiKeyId, apiKeyId),
          eq(apiIdempotency.key, key),
          eq(apiIdempotency.requestHash, response.requestHash),
          isNull(apiIdempotency.status),
        ),
      );
    if (documentId) await tx.insert(apiKeyDocuments).values({ apiKeyId, documentId }).onConflictDoNothing();
  });
}

/** Gives a reserved key back after an unexpected failure, so the client's retry does the work instead of waiting. */
export async function releaseIdempotencyKey(apiKeyId: string, key: string, requestHash: string): Promise<void> {
  await db()
    .delete(apiIdempotency)
    .where(
      and(
        eq(apiIdempotency.apiKeyId, apiKeyId),
        eq(apiIdempotency.key, key),
        eq(apiIdempotency.requestHash, requestHash),
        isNull(apiIdempotency.status),
      ),
    );
}
