import { copyBlob, deleteBlob, getBlobBytes, getBlobMeta, putBlob } from "@/db/queries/blobs";
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
    async copy(from, to, { contentType }) {
      assertBlobKey(from);
      assertBlobKey(to);
      if (!(await copyBlob(from, to, contentType))) throw new Error(`no blob under ${from} to copy`);
    },
  };
}
