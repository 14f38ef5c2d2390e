import { env, type Env } from "@/lib/env";
import type { BlobStore } from "./blob-store";
import { postgresStore } from "./postgres-store";
import { s3Store } from "./s3-store";

export type { BlobHead, BlobStore, PresignedPut } from "./blob-store";

/** The store KEEL_STORAGE names; env() has already refused an s3 store with a variable missing. */
export function storeFromEnv(e: Env): BlobStore {
  if (e.KEEL_STORAGE === "postgres") return postgresStore();
  const need = (name: "S3_REGION" | "S3_BUCKET" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY") => {
    const value = e[name];
    if (value === undefined) throw new Error(`${name} is required when KEEL_STORAGE=s3`);
    return value;
  };
  return s3Store({
    endpoint: e.S3_ENDPOINT,
    region: need("S3_REGION"),
    bucket: need("S3_BUCKET"),
    accessKeyId: need("S3_ACCESS_KEY_ID"),
    secretAccessKey: need("S3_SECRET_ACCESS_KEY"),
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  });
}

let cached: { source: Env; store: BlobStore } | undefined;

/** This process's blob store, made again when the environment was re-read (tests switch stores with resetEnv). */
export function blobStore(): BlobStore {
  const current = env();
  if (cached?.source !== current) cached = { source: current, store: storeFromEnv(current) };
  return cached.store;
}
