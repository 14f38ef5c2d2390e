import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vercelBuild } from "@/scripts/deploy/vercel-build";
import { createIsolatedDatabase } from "../setup/database";

const production = {
  AUTH_SECRET: "0123456789abcdef0123456789abcdef",
  AUTH_URL: "https://keel.example.com",
  INNGEST_EVENT_KEY: "event-key",
  INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef",
};
// Nothing listens there: a build that used this URL to migrate would fail.
const unreachable = "postgres://keel:secret@127.0.0.1:9/keel";

let database: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  database = await createIsolatedDatabase("vercel_build");
});
afterAll(async () => {
  await database.drop();
});

async function migrationsApplied(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ count: number }[]>`
      select count(*)::int as count from information_schema.tables where table_schema = 'drizzle'`;
    if (!row || row.count === 0) return 0;
    const [applied] = await sql<{ count: number }[]>`select count(*)::int as count from drizzle.migrations`;
    return applied?.count ?? 0;
  } finally {
    await sql.end();
  }
}

function recorder() {
  const lines: string[] = [];
  let builds = 0;
  return {
    lines,
    builds: () => builds,
    steps: {
      build: () => {
        builds += 1;
        return 0;
      },
      log: (line: string) => lines.push(line),
      warn: (text: string) => lines.push(text),
    },
  };
}

describe("vercelBuild against a real PostgreSQL", () => {
  it("leaves the database alone for a preview build, and still builds", async () => {
    const run = recorder();
    const code = await vercelBuild({ ...production, VERCEL_ENV: "preview", DATABASE_URL: database.url }, run.steps);
    expect(code).toBe(0);
    expect(run.builds()).toBe(1);
    expect(run.lines).toContain(
      "Not applying migrations: this is a preview build (VERCEL_ENV=preview); only production builds migrate.",
    );
    expect(await migrationsApplied(database.url)).toBe(0);
  });

  it("migrates a production build through the direct URL, then builds", async () => {
    const run = recorder();
    const code = await vercelBuild(
      { ...production, VERCEL_ENV: "production", DATABASE_URL: unreachable, DATABASE_URL_UNPOOLED: database.url },
      run.steps,
    );
    expect(code).toBe(0);
    expect(run.lines).toEqual([
      "Applying migrations to DATABASE_URL_UNPOOLED (VERCEL_ENV=production).",
      "Migrations applied.",
    ]);
    expect(run.builds()).toBe(1);
    expect(await migrationsApplied(database.url)).toBeGreaterThan(10);
  });

  it("refuses a production build with a variable missing, before touching the database or building", async () => {
    const run = recorder();
    const code = await vercelBuild({ VERCEL_ENV: "production", DATABASE_URL: unreachable }, run.steps);
    expect(code).toBe(1);
    expect(run.builds()).toBe(0);
    expect(run.lines.join("\n")).toMatch(/4 environment variables are missing or wrong/);
  });
});
