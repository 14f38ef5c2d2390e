import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "../index";
import { apiIdempotency, apiKeys, type ApiKey } from "../schema";
import { recordAudit, type Actor } from "./audit";

const hashKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Creates a key and returns its secret, the only time it is ever available: only a hash is stored. */
export async function createApiKey(name: string, actor: Actor): Promise<{ key: ApiKey; secret: string }> {
  const prefix = randomBytes(4).toString("hex");
  const secret = `keel_${prefix}_${randomBytes(24).toString("base64url")}`;
  return db().transaction(async (tx) => {
    const [key] = await tx.insert(apiKeys).values({ name, prefix, hash: hashKey(secret), createdBy: actor.id }).returning();
    if (!key) throw new Error("api key insert returned nothing");
    await recordAudit({ actor, action: "api_key.created", subjectType: "api_key", subjectId: key.id, after: { name, prefix } }, tx);
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
    await recordAudit({ actor, action: "api_key.revoked", subjectType: "api_key", subjectId: id, after: { name: key.name, prefix: key.prefix } }, tx);
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

export type StoredResponse = { requestHash: string; status: number; body: unknown };

export async function getIdempotentResponse(apiKeyId: string, key: string): Promise<StoredResponse | undefined> {
  const [row] = await db()
    .select()
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.apiKeyId, apiKeyId), eq(apiIdempotency.key, key)));
  return row ? { requestHash: row.requestHash, status: row.status, body: row.body } : undefined;
}

/** Keeps the first response for a key; when another request got there first, returns that one instead. */
export async function saveIdempotentResponse(apiKeyId: string, key: string, response: StoredResponse): Promise<StoredResponse> {
  const [row] = await db()
    .insert(apiIdempotency)
    .values({ apiKeyId, key, requestHash: response.requestHash, status: response.status, body: response.body })
    .onConflictDoNothing()
    .returning();
  if (row) return response;
  return (await getIdempotentResponse(apiKeyId, key)) ?? response;
}
