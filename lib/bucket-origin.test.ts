import { describe, expect, it } from "vitest";
import { bucketOrigin } from "./bucket-origin";

const s3 = {
  KEEL_STORAGE: "s3",
  S3_REGION: "eu-central-1",
  S3_BUCKET: "keel-docs",
  S3_FORCE_PATH_STYLE: false,
} as const;

describe("bucketOrigin", () => {
  it("is none when originals are in Postgres", () => {
    expect(bucketOrigin({ ...s3, KEEL_STORAGE: "postgres" })).toBeUndefined();
  });

  it("is the bucket's subdomain on AWS, or on an endpoint without path style", () => {
    expect(bucketOrigin(s3)).toBe("https://keel-docs.s3.eu-central-1.amazonaws.com");
    expect(bucketOrigin({ ...s3, S3_ENDPOINT: "https://acct.r2.cloudflarestorage.com" })).toBe(
      "https://keel-docs.acct.r2.cloudflarestorage.com",
    );
  });

  it("is the endpoint itself with path style, or for a bucket name with dots", () => {
    expect(bucketOrigin({ ...s3, S3_ENDPOINT: "http://minio:9000/", S3_FORCE_PATH_STYLE: true })).toBe(
      "http://minio:9000",
    );
    expect(bucketOrigin({ ...s3, S3_BUCKET: "docs.example.com" })).toBe("https://s3.eu-central-1.amazonaws.com");
  });
});
