import fs from "node:fs";
import path from "node:path";
import S3rver from "s3rver";
import type { S3Config } from "@/services/storage/s3-store";

export type Bucket = {
  endpoint: string;
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop: () => Promise<void>;
};

/**
 * The CORS rule docs/deploy.md tells people to give their bucket, in S3's XML form: browsers may PUT to it from
 * Keel's origin only, with a content-type.
 */
function corsRule(appOrigin: string): string {
  return `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>${appOrigin}</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;
}

// s3rver checks every signature against its one fixed key pair, as a real bucket checks its access key.
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const name = "keel-documents";

/** A private bucket on a local S3-compatible server (s3rver), configured as the deploy guide says. */
export async function startBucket(directory: string, appOrigin: string): Promise<Bucket> {
  fs.mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: path.resolve(directory),
    configureBuckets: [{ name, configs: [corsRule(appOrigin)] }],
  });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${String(port)}`, name, ...credentials, stop: () => server.close() };
}

/** The bucket the setup started (its origin in KEEL_E2E_BUCKET_ORIGIN), for specs to look inside as its owner. */
export function startedBucket(): S3Config {
  const endpoint = process.env.KEEL_E2E_BUCKET_ORIGIN;
  if (!endpoint) throw new Error("KEEL_E2E_BUCKET_ORIGIN is unset: run through playwright.production.config.ts");
  return { endpoint, region: "us-east-1", bucket: name, forcePathStyle: true, ...credentials };
}
