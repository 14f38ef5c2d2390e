import { deleteBlob, getBlobBytes, getBlobMeta, putBlob } from "@/db/queries/blobs";
import { assertBlobKey, type BlobStore } from "./blob-store";

/** Bytes in Keel's own database: one machine, no bucket. It offers no direct browser upload. */
export function postgresStore(): BlobStore {
  return {
    kind: "postgres",
    async put(key, bytes, { contentType }) {
      assertBlobKey(key);
      await putBlob(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType);
    },
    async get(key) {
      assertBlobKey(key);
      return getBlobBytes(key);
    },
    async head(key) {
      assertBlobKey(key);
      return getBlobMeta(key);
    },
    async delete(key) {
      assertBlobKey(key);
      await deleteBlob(key);
    },
  };
}
