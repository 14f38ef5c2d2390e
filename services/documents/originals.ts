import { getDocumentBytes, sha256 } from "@/db/queries/documents";
import type { Document } from "@/db/schema";
import { blobStore } from "@/services/storage";

/** Content-addressed: the same bytes are the same document (`documents_sha256_key`), so one object serves both. */
export function originalKey(hash: string): string {
  return `originals/${hash}`;
}

/**
 * Puts a received file's bytes in the blob store before its row is written, so no document exists without them.
 * A file received again is already there and is not sent again; one already in the store under `storedAt` (a
 * two-step upload) is copied inside it. Returns the bytes' sha256.
 */
export async function storeOriginal(bytes: Buffer, mediaType: string, storedAt?: string): Promise<string> {
  const hash = sha256(bytes);
  const store = blobStore();
  const key = originalKey(hash);
  const stored = await store.head(key);
  if (stored?.size === bytes.length) return hash;
  if (storedAt) await store.copy(storedAt, key, { contentType: mediaType });
  else await store.put(key, bytes, { contentType: mediaType });
  return hash;
}

/** A document's original bytes: from the blob store, else from `document_blobs`, where they were kept before it. */
export async function readOriginalBytes(document: Pick<Document, "id" | "sha256">): Promise<Buffer | undefined> {
  return (await blobStore().get(originalKey(document.sha256))) ?? (await getDocumentBytes(document.id));
}
