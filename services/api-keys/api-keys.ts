import { createApiKey as insertApiKey, revokeApiKey as markRevoked } from "@/db/queries/api-keys";
import type { Actor } from "@/db/queries/audit";
import type { ApiKey } from "@/db/schema";

/**
 * Creates a key and returns its secret, the only time anyone sees it. A key reads the documents sent through it;
 * `readAll` lets it read every document (a reconciler's, not an uploader's).
 */
export async function createApiKey(
  input: { name: string; readAll: boolean },
  actor: Actor,
): Promise<{ key: ApiKey; secret: string }> {
  return insertApiKey(input.name, actor, input.readAll ? "read_all" : "own");
}

/** False when the key was already revoked (or never existed): nothing changed. */
export async function revokeApiKey(keyId: string, actor: Actor): Promise<boolean> {
  return markRevoked(keyId, actor);
}
