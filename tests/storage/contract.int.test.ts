import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { BlobStore } from "@/services/storage/blob-store";
import { postgresStore } from "@/services/storage/postgres-store";
import { bucketOrigin } from "@/lib/bucket-origin";
import { s3Store } from "@/services/storage/s3-store";
import { withKeelDatabase } from "../setup/keel-database";
import { withS3Server } from "./s3-server";

withKeelDatabase();
const s3 = withS3Server();

const stores: [string, () => BlobStore][] = [
  ["postgres", () => postgresStore()],
  ["s3", () => s3Store(s3())],
];

describe.each(stores)("the %s blob store", (_name, makeStore) => {
  const key = () => `contract/${randomBytes(6).toString("hex")}`;

  it("gives back exactly the bytes put under a key, with their size and type", async () => {
    const store = makeStore();
    const k = key();
    const bytes = randomBytes(70_000);
    await store.put(k, bytes, { contentType: "application/pdf" });
    expect((await store.get(k))?.equals(bytes)).toBe(true);
    expect(await store.head(k)).toEqual({ size: 70_000, contentType: "application/pdf" });
  });

  it("replaces what a key held when put again", async () => {
    const store = makeStore();
    const k = key();
    await store.put(k, Buffer.from("first"), { contentType: "text/plain" });
    await store.put(k, Buffer.from("second, longer"), { contentType: "text/csv" });
    expect((await store.get(k))?.toString("utf8")).toBe("second, longer");
    expect(await store.head(k)).toEqual({ size: 14, contentType: "text/csv" });
  });

  it("answers null for a key that holds nothing, and after delete", async () => {
    const store = makeStore();
    const k = key();
    expect(await store.get(k)).toBeNull();
    expect(await store.head(k)).toBeNull();
    await store.put(k, Buffer.from("gone soon"), { contentType: "text/plain" });
    await store.delete(k);
    expect(await store.get(k)).toBeNull();
    expect(await store.head(k)).toBeNull();
    // Deleting what is not there is not an error: a retried cleanup must not fail.
    await expect(store.delete(k)).resolves.toBeUndefined();
  });

  it("copies an object to another key with the type given, and fails to copy what is not there", async () => {
    const store = makeStore();
    const [from, to] = [key(), key()];
    const bytes = randomBytes(30_000);
    await store.put(from, bytes, { contentType: "application/octet-stream" });
    await store.copy(from, to, { contentType: "application/pdf" });
    expect((await store.get(to))?.equals(bytes)).toBe(true);
    expect(await store.head(to)).toEqual({ size: 30_000, contentType: "application/pdf" });
    expect(await store.head(from)).toEqual({ size: 30_000, contentType: "application/octet-stream" });
    await expect(store.copy(key(), key(), { contentType: "text/plain" })).rejects.toThrow();
  });

  it("refuses keys that could escape their prefix", async () => {
    const store = makeStore();
    await expect(store.get("originals/../secret")).rejects.toThrow(/invalid blob key/);
    await expect(store.put("/absolute", Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(
      /invalid blob key/,
    );
  });
});

describe("direct uploads", () => {
  it("are not offered by the postgres store", () => {
    expect(postgresStore().presignPut).toBeUndefined();
  });

  it("take the announced file through a presigned PUT to the one key signed", async () => {
    const store = s3Store(s3());
    if (!store.presignPut) throw new Error("the s3 store must presign");
    const k = `uploads/${randomBytes(6).toString("hex")}`;
    const bytes = randomBytes(5_000);
    const signed = await store.presignPut(k, { size: bytes.length, contentType: "application/pdf", expiresIn: 300 });
    expect(signed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 290_000);
    expect(signed.headers).toEqual({ "content-type": "application/pdf", "content-length": "5000" });

    // fetch sets Content-Length from the body itself, as a browser does.
    const { "content-length": _, ...headers } = signed.headers;
    const answer = await fetch(signed.url, { method: "PUT", headers, body: bytes });
    expect(answer.status).toBe(200);
    expect((await store.get(k))?.equals(bytes)).toBe(true);
    expect(await store.head(k)).toEqual({ size: 5_000, contentType: "application/pdf" });
  });

  // s3rver checks who signed but not what (its SigV4 check is unimplemented), so what binds the URL to one
  // file is shown on the signature itself: AWS, R2 and MinIO recompute it from the request and refuse a mismatch.
  it("signs the key, the size, the type and the expiry into the URL", async () => {
    const store = s3Store(s3());
    if (!store.presignPut) throw new Error("the s3 store must presign");
    const sign = async (key: string, size: number, contentType: string) =>
      new URL((await store.presignPut?.(key, { size, contentType, expiresIn: 600 }))?.url ?? "");
    const url = await sign("uploads/one", 3, "text/plain");
    expect(url.pathname).toBe(`/${s3().bucket}/uploads/one`);
    expect(url.searchParams.get("X-Amz-SignedHeaders")?.split(";")).toEqual(["content-length", "content-type", "host"]);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("600");
    const signature = (u: URL) => u.searchParams.get("X-Amz-Signature");
    const others = await Promise.all([
      sign("uploads/two", 3, "text/plain"),
      sign("uploads/one", 4, "text/plain"),
      sign("uploads/one", 3, "text/html"),
    ]);
    for (const other of others) expect(signature(other)).not.toBe(signature(url));
  });
});

describe("the bucket origin the pages' CSP lets uploads through to", () => {
  const cases = [
    { S3_ENDPOINT: undefined, S3_BUCKET: "keel-docs", S3_FORCE_PATH_STYLE: false },
    { S3_ENDPOINT: undefined, S3_BUCKET: "docs.example.com", S3_FORCE_PATH_STYLE: false },
    { S3_ENDPOINT: "https://acct.r2.cloudflarestorage.com", S3_BUCKET: "keel-docs", S3_FORCE_PATH_STYLE: false },
    { S3_ENDPOINT: "http://minio:9000", S3_BUCKET: "keel-docs", S3_FORCE_PATH_STYLE: true },
  ];

  it.each(cases)("is where the S3 client signs uploads to: %o", async (settings) => {
    const store = s3Store({
      endpoint: settings.S3_ENDPOINT,
      region: "eu-central-1",
      bucket: settings.S3_BUCKET,
      accessKeyId: "id",
      secretAccessKey: "secret",
      forcePathStyle: settings.S3_FORCE_PATH_STYLE,
    });
    const signed = await store.presignPut?.("uploads/x", { size: 1, contentType: "text/plain", expiresIn: 60 });
    expect(new URL(signed?.url ?? "").origin).toBe(
      bucketOrigin({ KEEL_STORAGE: "s3", S3_REGION: "eu-central-1", ...settings }),
    );
  });
});
