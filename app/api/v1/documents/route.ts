import { createHash } from "node:crypto";
import { readUpload } from "@/intake/read-upload";
import { requireApiKey } from "@/services/api/authenticate";
import { requireIdempotencyKey, withIdempotencyKey } from "@/services/api/idempotency";
import { answerUpload } from "@/services/documents/upload";
import { handleRoute } from "@/lib/http";

/**
 * POST /api/v1/documents — the raw file as the body with its name in X-Filename (or ?filename=), or a
 * multipart/form-data body with the file in the field `file`; an API key, and an Idempotency-Key: the same key with
 * the same file and name answers as the first time, even while the first is still running; with another, 409.
 */
export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const apiKey = await requireApiKey(request);
    const idempotencyKey = requireIdempotencyKey(request, "a retried upload is never taken twice");
    const upload = await readUpload(request);
    // The file and its name, never the raw body: a retry whose multipart boundary differs is the same request.
    const requestHash = createHash("sha256").update(upload.filename).update("\0").update(upload.bytes).digest("hex");
    return withIdempotencyKey({ apiKeyId: apiKey.id, key: idempotencyKey, requestHash }, () =>
      answerUpload(upload, { via: "api", apiKey }),
    );
  });
}

// Reading a body up to the platform's limit, sniffing and storing it; Vercel reads this.
export const maxDuration = 60;
