import { describe, expect, it } from "vitest";
import {
  describeProductionEnvProblems,
  migrationPlan,
  migrationUrl,
  productionEnvProblems,
  requiresProductionEnv,
} from "./env-production";

const complete = {
  VERCEL_ENV: "production",
  DATABASE_URL: "postgres://keel:secret@db.example.com:5432/keel?sslmode=require",
  AUTH_SECRET: "0123456789abcdef0123456789abcdef",
  AUTH_URL: "https://keel.example.com",
  INNGEST_EVENT_KEY: "event-key-from-inngest",
  INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef",
};

const names = (source: Record<string, string | undefined>) => productionEnvProblems(source).map((p) => p.name);

describe("requiresProductionEnv", () => {
  it("holds Vercel's production builds and builds that ask for it, never previews or laptops", () => {
    expect(requiresProductionEnv({ VERCEL_ENV: "production" })).toBe(true);
    expect(requiresProductionEnv({ NODE_ENV: "production", KEEL_REQUIRE_PRODUCTION_ENV: "1" })).toBe(true);
    expect(requiresProductionEnv({ VERCEL_ENV: "preview" })).toBe(false);
    expect(requiresProductionEnv({ VERCEL_ENV: "development" })).toBe(false);
    expect(requiresProductionEnv({ NODE_ENV: "production" })).toBe(false);
  });
});

describe("productionEnvProblems", () => {
  it("accepts a complete production environment", () => {
    expect(productionEnvProblems(complete)).toEqual([]);
  });

  it("names every missing variable at once, not only the first", () => {
    expect(names({ VERCEL_ENV: "production" })).toEqual([
      "DATABASE_URL",
      "AUTH_SECRET",
      "AUTH_URL",
      "INNGEST_EVENT_KEY",
      "INNGEST_SIGNING_KEY",
    ]);
  });

  it("says what to write for each one", () => {
    const [secret] = productionEnvProblems({ ...complete, AUTH_SECRET: "" });
    expect(secret).toEqual({
      name: "AUTH_SECRET",
      message: "is required in production: at least 32 random characters (generate one with: openssl rand -base64 32)",
    });
  });

  it("wants AUTH_URL even with KEEL_SERVE_URL, since email links are built on it, and https on Vercel", () => {
    expect(names({ ...complete, AUTH_URL: undefined, KEEL_SERVE_URL: "https://keel.example.com/api/inngest" })).toEqual(
      ["AUTH_URL"],
    );
    expect(names({ ...complete, AUTH_URL: "http://keel.example.com" })).toEqual(["AUTH_URL"]);
    expect(names({ ...complete, VERCEL_ENV: undefined, AUTH_URL: "http://keel.internal:3000" })).toEqual([]);
  });

  it("folds in the values lib/env refuses, such as a malformed signing key or a short secret", () => {
    const problems = productionEnvProblems({ ...complete, INNGEST_SIGNING_KEY: "not-a-key", AUTH_SECRET: "short" });
    expect(problems.map((p) => p.name).sort()).toEqual(["AUTH_SECRET", "INNGEST_SIGNING_KEY"]);
    expect(problems.find((p) => p.name === "INNGEST_SIGNING_KEY")?.message).toMatch(/signkey-<env>-<hex>/);
  });

  it("refuses Inngest's dev server in production", () => {
    expect(names({ ...complete, INNGEST_DEV: "1" })).toEqual(["INNGEST_DEV"]);
  });

  it("asks for the bucket's settings only when storage is s3", () => {
    expect(names({ ...complete, KEEL_STORAGE: "postgres" })).toEqual([]);
    expect(names({ ...complete, KEEL_STORAGE: "s3" }).sort()).toEqual([
      "S3_ACCESS_KEY_ID",
      "S3_BUCKET",
      "S3_REGION",
      "S3_SECRET_ACCESS_KEY",
    ]);
    expect(productionEnvProblems({ ...complete, KEEL_STORAGE: "s3" })).toContainEqual({
      name: "S3_REGION",
      message:
        "is required when KEEL_STORAGE=s3: the bucket's region, like eu-central-1 (auto for Cloudflare R2, us-east-1 for MinIO)",
    });
    const bucket = { S3_BUCKET: "keel", S3_REGION: "auto", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret" };
    expect(names({ ...complete, KEEL_STORAGE: "s3", ...bucket })).toEqual([]);
    expect(names({ ...complete, KEEL_STORAGE: "s3", ...bucket, S3_ENDPOINT: "minio:9000" })).toEqual(["S3_ENDPOINT"]);
    expect(names({ ...complete, KEEL_STORAGE: "blob" })).toEqual(["KEEL_STORAGE"]);
  });
});

describe("describeProductionEnvProblems", () => {
  it("counts the problems, lists each on its own line and says where to set them", () => {
    const text = describeProductionEnvProblems(productionEnvProblems({ ...complete, DATABASE_URL: "", AUTH_URL: "" }));
    expect(text).toMatch(/^Keel cannot be deployed to production: 2 environment variables are missing or wrong\./);
    expect(text).toContain("\n  DATABASE_URL: is required in production: the PostgreSQL URL");
    expect(text).toContain("\n  AUTH_URL: is required in production");
    expect(text).toContain("docs/deploy.md");
  });
});

describe("migrationPlan", () => {
  it("migrates only Vercel's production builds", () => {
    expect(migrationPlan(complete)).toEqual({
      migrate: true,
      url: complete.DATABASE_URL,
      reason: "Applying migrations to DATABASE_URL (VERCEL_ENV=production).",
    });
    expect(migrationPlan({ ...complete, VERCEL_ENV: "preview" })).toEqual({
      migrate: false,
      reason: "Not applying migrations: this is a preview build (VERCEL_ENV=preview); only production builds migrate.",
    });
    expect(migrationPlan({ ...complete, VERCEL_ENV: "development" }).migrate).toBe(false);
    expect(migrationPlan({ ...complete, VERCEL_ENV: undefined }).reason).toMatch(/VERCEL_ENV is not production/);
  });

  it("never migrates for a build that only asks to be held to production's variables", () => {
    expect(migrationPlan({ ...complete, VERCEL_ENV: undefined, KEEL_REQUIRE_PRODUCTION_ENV: "1" }).migrate).toBe(false);
  });

  it("prefers the direct URL, since a transaction pooler drops the migrations' session lock", () => {
    const direct = "postgres://keel:secret@direct.example.com:5432/keel";
    expect(migrationPlan({ ...complete, DATABASE_URL_UNPOOLED: direct })).toMatchObject({
      migrate: true,
      url: direct,
      reason: "Applying migrations to DATABASE_URL_UNPOOLED (VERCEL_ENV=production).",
    });
  });

  it("names the same database for npm run db:migrate, outside any build", () => {
    const direct = "postgres://keel:secret@direct.example.com:5432/keel";
    expect(migrationUrl({ DATABASE_URL: complete.DATABASE_URL, DATABASE_URL_UNPOOLED: direct })).toEqual({
      name: "DATABASE_URL_UNPOOLED",
      url: direct,
    });
    expect(migrationUrl({ DATABASE_URL: complete.DATABASE_URL, DATABASE_URL_UNPOOLED: " " })).toEqual({
      name: "DATABASE_URL",
      url: complete.DATABASE_URL,
    });
    expect(migrationUrl({})).toBeUndefined();
  });

  it("does not migrate without a database URL", () => {
    expect(migrationPlan({ VERCEL_ENV: "production" })).toEqual({
      migrate: false,
      reason: "Not applying migrations: DATABASE_URL is not set.",
    });
  });
});

describe("describeProductionEnvProblems for a preview", () => {
  it("warns without saying the deploy is refused", () => {
    const text = describeProductionEnvProblems([{ name: "S3_BUCKET", message: "is required" }], "preview");
    expect(text).toMatch(/^This preview builds, but 1 environment variable is missing or wrong for production/);
    expect(text).not.toContain("cannot be deployed");
  });
});
