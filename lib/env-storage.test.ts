import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { envProblems } from "./testing/env-problems";

const bucket = {
  KEEL_STORAGE: "s3",
  S3_REGION: "auto",
  S3_BUCKET: "keel-originals",
  S3_ACCESS_KEY_ID: "id",
  S3_SECRET_ACCESS_KEY: "secret",
};

describe("storage settings", () => {
  it("keeps originals in Postgres unless told otherwise", () => {
    expect(parseEnv({}).KEEL_STORAGE).toBe("postgres");
    expect(parseEnv({ KEEL_STORAGE: "" }).KEEL_STORAGE).toBe("postgres");
    expect(parseEnv({}).S3_FORCE_PATH_STYLE).toBe(false);
    expect(parseEnv({}).KEEL_BUCKET_UPLOAD_MAX_MB).toBe(100);
  });

  it("names every S3 variable that is missing when KEEL_STORAGE=s3", () => {
    expect(envProblems({ KEEL_STORAGE: "s3", S3_BUCKET: "keel" })).toEqual([
      { name: "S3_REGION", message: "is required when KEEL_STORAGE=s3" },
      { name: "S3_ACCESS_KEY_ID", message: "is required when KEEL_STORAGE=s3" },
      { name: "S3_SECRET_ACCESS_KEY", message: "is required when KEEL_STORAGE=s3" },
    ]);
  });

  it("takes a complete bucket configuration, with an endpoint and path-style addressing for MinIO", () => {
    const e = parseEnv({ ...bucket, S3_ENDPOINT: "http://localhost:9000", S3_FORCE_PATH_STYLE: "true" });
    expect(e.KEEL_STORAGE).toBe("s3");
    expect(e.S3_ENDPOINT).toBe("http://localhost:9000");
    expect(e.S3_FORCE_PATH_STYLE).toBe(true);
  });

  it("takes files through the bucket up to the 5 GB one PUT may carry", () => {
    expect(parseEnv({ KEEL_BUCKET_UPLOAD_MAX_MB: "250" }).KEEL_BUCKET_UPLOAD_MAX_MB).toBe(250);
    expect(envProblems({ KEEL_BUCKET_UPLOAD_MAX_MB: "6000" })).toEqual([
      { name: "KEEL_BUCKET_UPLOAD_MAX_MB", message: "must be at most 5000 (5 GB, the most one PUT may carry)" },
    ]);
    expect(envProblems({ KEEL_BUCKET_UPLOAD_MAX_MB: "lots" })).toEqual([
      { name: "KEEL_BUCKET_UPLOAD_MAX_MB", message: "must be a whole number of megabytes, such as 100" },
    ]);
  });

  it("refuses an unknown store, an endpoint that is not a URL and a path style that is not a yes or no", () => {
    expect(envProblems({ KEEL_STORAGE: "disk" })).toEqual([
      { name: "KEEL_STORAGE", message: 'must be "postgres" or "s3"' },
    ]);
    expect(envProblems({ ...bucket, S3_ENDPOINT: "localhost:9000", S3_FORCE_PATH_STYLE: "yes" })).toEqual([
      { name: "S3_ENDPOINT", message: "must be an http:// or https:// URL, like http://localhost:9000" },
      { name: "S3_FORCE_PATH_STYLE", message: "must be true or false" },
    ]);
  });
});
