import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll } from "vitest";
import { resetEnv } from "@/lib/env";
import type { S3Config } from "@/services/storage/s3-store";

/** s3rver's fixed credentials: it checks every signature against them, as a real bucket checks its keys. */
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/**
 * Starts a local S3-compatible server (s3rver) for the calling test file, on a free port with its data in a temp
 * folder under .tmp, with one bucket; returns a getter for the configuration that reaches it.
 */
export function withS3Server(bucket = "keel-test"): () => S3Config {
  let server: S3rver | undefined;
  let directory: string | undefined;
  let config: S3Config | undefined;
  beforeAll(async () => {
    mkdirSync(".tmp", { recursive: true });
    directory = mkdtempSync(path.join(".tmp", "s3rver-"));
    server = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await server.run();
    config = {
      endpoint: `http://127.0.0.1:${String(port)}`,
      region: "us-east-1",
      bucket,
      forcePathStyle: true,
      ...credentials,
    };
  });
  afterAll(async () => {
    await server?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });
  return () => {
    if (!config) throw new Error("withS3Server: the server is ready only inside tests and hooks");
    return config;
  };
}

const storageNames = [
  "KEEL_STORAGE",
  "S3_ENDPOINT",
  "S3_REGION",
  "S3_BUCKET",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "S3_FORCE_PATH_STYLE",
] as const;
const before = Object.fromEntries(storageNames.map((name) => [name, process.env[name]]));

/** Points env(), and so blobStore(), at `kind`: the bucket of `config`, or Postgres with the bucket still named. */
export function useStorage(kind: "s3" | "postgres", config: S3Config): void {
  Object.assign(process.env, {
    KEEL_STORAGE: kind,
    S3_ENDPOINT: config.endpoint ?? "",
    S3_REGION: config.region,
    S3_BUCKET: config.bucket,
    S3_ACCESS_KEY_ID: config.accessKeyId,
    S3_SECRET_ACCESS_KEY: config.secretAccessKey,
    S3_FORCE_PATH_STYLE: String(config.forcePathStyle),
  });
  resetEnv();
}

/** Puts the storage variables back as the test file found them. */
export function restoreStorage(): void {
  for (const name of storageNames) {
    const value = before[name];
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
  resetEnv();
}
