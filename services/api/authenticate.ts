import { authenticateApiKey } from "@/db/queries/api-keys";
import type { ApiKey } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** The API key in `Authorization: Bearer …`; one answer for missing, malformed, unknown and revoked keys. */
export async function requireApiKey(request: Request): Promise<ApiKey> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const key = token ? await authenticateApiKey(token) : undefined;
  if (!key)
    throw new AppError(
      "unauthenticated:api_key",
      "Send a valid API key as `Authorization: Bearer keel_…`. Admins create keys under Settings → API keys.",
    );
  return key;
}
