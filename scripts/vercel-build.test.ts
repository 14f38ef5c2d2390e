import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { childEnv } from "@/lib/env";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

/** Runs a script with exactly `env` (and PATH, NODE_ENV as a build has it), so nothing from the test's own shell decides the outcome. */
function run(script: string, env: Record<string, string>) {
  const result = spawnSync(tsx, [script], {
    cwd: root,
    env: { NODE_ENV: "production", PATH: childEnv({}).PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run vercel-build", () => {
  it("refuses a production build that lacks its variables, naming all of them, before migrating or building", () => {
    const { status, output } = run("scripts/vercel-build.ts", { VERCEL_ENV: "production" });
    expect(status).toBe(1);
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "AUTH_URL", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"])
      expect(output).toContain(`  ${name}: is required in production`);
    expect(output).not.toMatch(/migrations/i);
    expect(output).not.toMatch(/next build|Creating an optimized production build/);
  });
});

describe("scripts/check-production-env.ts", () => {
  it("fails with every problem, whatever VERCEL_ENV says", () => {
    const { status, output } = run("scripts/check-production-env.ts", { KEEL_STORAGE: "s3" });
    expect(status).toBe(1);
    expect(output).toContain("S3_BUCKET: is required when KEEL_STORAGE=s3");
    expect(output).toContain("DATABASE_URL: is required in production");
  });

  it("passes a complete environment", () => {
    const { status, output } = run("scripts/check-production-env.ts", {
      DATABASE_URL: "postgres://keel:secret@db.example.com:5432/keel",
      AUTH_SECRET: "0123456789abcdef0123456789abcdef",
      AUTH_URL: "https://keel.example.com",
      INNGEST_EVENT_KEY: "event-key",
      INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef",
    });
    expect(output).toContain("Every production environment variable is set and valid.");
    expect(status).toBe(0);
  });
});
