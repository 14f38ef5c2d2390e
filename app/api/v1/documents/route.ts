import { createHash } from "node:crypto";
import { isIntakeError } from "@/intake/errors";
import { requireApiKey } from "@/services/api/authenticate";
import { withIdempotencyKey } from "@/services/api/idempotency";
import { readUpload, type Upload } from "@/intake/read-upload";
import { receiveDocument } from "@/services/documents/receive";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";

/**
 * POST /api/v1/documents — the raw file as the body with its name in X-Filename (or ?filename=), or a
 * multipart/form-data body with the file in the field `file`; an API key, and an Idempotency-Key: the same key with
 * the same file and name answers as the first time, even while the first is still running; with another, 409.
 */
export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const apiKey = await requireApiKey(request);
    const idempotencyKey = request.headers.get("idempotency-key")?.trim() ?? "";
    if (!/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw new AppError("invalid:idempotency_key", "Send an Idempotency-Key header (1–200 visible ASCII characters, e.g. a UUID) so a retried upload is never taken twice.");
    }
    let upload: Upload;
    try {
      upload = await readUpload(request);
    } catch (error) {
      if (isIntakeError(error)) return Response.json({ error: { code: `rejected:${error.code}`, message: error.message } }, { status: error.status });
      throw error;
    }
    const { filename, bytes } = upload;
    // The file and its name, never the raw body: a retry whose multipart boundary differs is the same request.
    const requestHash = createHash("sha256").update(filename).update("\0").update(bytes).digest("hex");
    return withIdempotencyKey({ apiKeyId: apiKey.id, key: idempotencyKey, requestHash }, async () => {
      try {
        const { document, duplicate } = await receiveDocument({
          bytes,
          filename,
          source: "api",
          apiKeyId: apiKey.id,
          actor: { id: null, label: `api key ${apiKey.name} (${apiKey.prefix})` },
        });
        const body = { id: document.id, status: document.status, filename: document.filename, duplicate, url: `/api/v1/documents/${document.id}` };
        return { status: duplicate ? 200 : 201, body, documentId: document.id };
      } catch (error) {
        if (!isIntakeError(error)) throw error;
        return { status: error.status, body: { error: { code: `rejected:${error.code}`, message: error.message } }, documentId: null };
      }
    });
  });
}
