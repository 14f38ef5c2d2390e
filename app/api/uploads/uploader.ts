import { handleRoute, handleSessionRoute } from "@/lib/http";
import { requireApiKey } from "@/services/api/authenticate";
import { authorize } from "@/services/auth/session";
import type { Uploader } from "@/services/documents/upload";

/**
 * Runs an upload route for an API key (`Authorization: Bearer …`) or for the signed-in person, whose cookie makes
 * another site's request suspect, so only theirs goes through the same-origin check.
 */
export async function asUploader(request: Request, body: (by: Uploader) => Promise<Response>): Promise<Response> {
  if (request.headers.has("authorization"))
    return handleRoute(async () => body({ via: "api", apiKey: await requireApiKey(request) }));
  return handleSessionRoute(request, async () => body({ via: "browser", user: await authorize("documents:upload") }));
}
