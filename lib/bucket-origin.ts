import type { Env } from "@/lib/env";

/**
 * The origin a browser PUTs two-step uploads to, as the S3 client addresses the bucket (path style, or the bucket
 * as a subdomain), so the pages' Content-Security-Policy can let exactly that one through; none with Postgres.
 */
export function bucketOrigin(
  e: Pick<Env, "KEEL_STORAGE" | "S3_ENDPOINT" | "S3_REGION" | "S3_BUCKET" | "S3_FORCE_PATH_STYLE">,
): string | undefined {
  if (e.KEEL_STORAGE !== "s3" || !e.S3_BUCKET) return undefined;
  const endpoint = new URL(e.S3_ENDPOINT ?? `https://s3.${e.S3_REGION ?? "us-east-1"}.amazonaws.com`);
  // Bucket names with dots break TLS on a subdomain, so the client falls back to the path for them.
  if (e.S3_FORCE_PATH_STYLE || e.S3_BUCKET.includes(".")) return endpoint.origin;
  return `${endpoint.protocol}//${e.S3_BUCKET}.${endpoint.host}`;
}
