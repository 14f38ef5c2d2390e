import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDocumentById, sha256 } from "@/db/queries/documents";
import {
  completePendingUpload,
  createPendingUpload,
  deletePendingUpload,
  getPendingUpload,
  listAbandonedUploads,
} from "@/db/queries/pending-uploads";
import type { PendingUpload } from "@/db/schema";
import { checkSize, defaultIntakeLimits, type IntakeLimits } from "@/intake/limits";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { blobStore } from "@/services/storage";
import { answerUpload, uploadAnswer, type UploadAnswer, type Uploader } from "@/services/documents/upload";

/** How long the browser has to PUT the file once Keel signed the URL. */
const uploadSeconds = 15 * 60;
/** A PUT begun just before its URL expired may still be arriving for a while after. */
const abandonedAfterMs = 60 * 60 * 1000;

export const directUploadSchema = z.object({
  filename: z.string().trim().min(1, "Give the file's name.").max(255, "Keep the file name under 255 characters."),
  size: z.number().int("Give the size in whole bytes.").positive("The file is empty; choose another."),
  contentType: z
    .string()
    .trim()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, "Give the file's type, like application/pdf (application/octet-stream if unknown)."),
  sha256: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, "Give the file's SHA-256 as 64 hexadecimal characters."),
});
export type DirectUploadRequest = z.infer<typeof directUploadSchema>;

/** Where the browser sends the file, and what it sends to finish. */
export type DirectUploadTicket = {
  uploadId: string;
  method: "PUT";
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
  completeUrl: string;
};

/** Every check of a direct upload, but the size: the bucket's limit, not a function body's. */
export function bucketUploadLimits(): IntakeLimits {
  return { ...defaultIntakeLimits, maxBytes: env().KEEL_BUCKET_UPLOAD_MAX_MB * 1024 * 1024 };
}

type Owner = Pick<PendingUpload, "uploadedBy" | "apiKeyId">;

function ownerOf(by: Uploader): Owner {
  if (by.via === "api") return { uploadedBy: null, apiKeyId: by.apiKey.id };
  return { uploadedBy: by.via === "browser" ? by.user.id : (by.user?.id ?? null), apiKeyId: null };
}

/**
 * Step one of an upload too large for a function's body: records the file as announced and signs a PUT of exactly
 * that size and type to one fresh key in the bucket. Refused, with what to do instead, when the store is Postgres
 * or the file is over the size limit.
 */
export async function startDirectUpload(request: DirectUploadRequest, by: Uploader): Promise<DirectUploadTicket> {
  const store = blobStore();
  if (!store.presignPut)
    throw new AppError(
      "conflict:storage",
      "This Keel keeps files in its database, so there is no bucket to upload to: send the file itself to POST /api/documents (or /api/v1/documents with an API key).",
    );
  checkSize(request.size, bucketUploadLimits());
  const id = randomUUID();
  const key = `uploads/${id}`;
  const signed = await store.presignPut(key, {
    size: request.size,
    contentType: request.contentType,
    expiresIn: uploadSeconds,
  });
  await createPendingUpload({
    id,
    key,
    filename: request.filename,
    contentType: request.contentType,
    sizeBytes: request.size,
    sha256: request.sha256,
    expiresAt: signed.expiresAt,
    ...ownerOf(by),
  });
  return {
    uploadId: id,
    method: "PUT",
    url: signed.url,
    headers: { "content-type": request.contentType },
    expiresAt: signed.expiresAt.toISOString(),
    completeUrl: `/api/uploads/${id}/complete`,
  };
}

/**
 * Step two: the bytes now in the bucket are checked against what was announced (size, then sha256) and then as
 * every upload is (`acceptUpload`: size limit, type sniffed from the bytes), and become a document. Completing
 * again answers with the same document.
 */
export async function completeDirectUpload(uploadId: string, by: Uploader): Promise<UploadAnswer> {
  const upload = await getPendingUpload(uploadId);
  const owner = ownerOf(by);
  if (!upload || upload.uploadedBy !== owner.uploadedBy || upload.apiKeyId !== owner.apiKeyId)
    throw new AppError("not_found:upload", "This upload does not exist or is not yours. Start a new one.");
  const done = upload.documentId ? await getDocumentById(upload.documentId) : undefined;
  if (done) return uploadAnswer(done, true, by);
  const store = blobStore();
  const bytes = await store.get(upload.key);
  if (!bytes)
    throw new AppError(
      "conflict:upload",
      upload.expiresAt < new Date()
        ? "The file never reached storage and its upload URL has expired. Start a new upload."
        : "The file has not reached storage yet. PUT it to the upload URL first, then complete the upload.",
    );
  try {
    verifyAnnounced(upload, bytes);
    const file = { filename: upload.filename, bytes: new Uint8Array(bytes) };
    const answer = await answerUpload(file, by, { limits: bucketUploadLimits(), storedAt: upload.key });
    if (answer.documentId) await completePendingUpload(upload.id, answer.documentId);
    return answer;
  } finally {
    // Accepted, the bytes are the document's original under its own key; refused, they must be sent again anyway.
    await store.delete(upload.key);
  }
}

function verifyAnnounced(upload: PendingUpload, bytes: Buffer): void {
  if (bytes.length !== upload.sizeBytes)
    throw new AppError(
      "invalid:upload",
      `The stored file is ${String(bytes.length)} bytes but ${String(upload.sizeBytes)} were announced. Start a new upload with the file's real size.`,
    );
  if (sha256(bytes) !== upload.sha256)
    throw new AppError(
      "invalid:upload",
      "The stored file's SHA-256 is not the one announced, so it is not the file you meant to send. Start a new upload.",
    );
}

/**
 * Deletes, bytes and record, uploads never completed an hour after their URL expired, up to `limit` at a time, so a
 * browser closed mid-upload leaves nothing in the bucket. Completing one afterwards answers that it does not exist.
 */
export async function deleteAbandonedUploads(now: Date, limit = 500): Promise<{ dropped: number }> {
  const abandoned = await listAbandonedUploads(new Date(now.getTime() - abandonedAfterMs), limit);
  const store = blobStore();
  for (const upload of abandoned) {
    await store.delete(upload.key);
    await deletePendingUpload(upload.id);
  }
  return { dropped: abandoned.length };
}
