import { EnvError, parseEnv } from "@/lib/env";

/**
 * What a production deployment needs that a laptop does not: on one machine the launcher brings the database, the
 * auth secret and the engine's keys; on Vercel or in a container nothing does, so each must come from the
 * environment. Checked at build time, so a deploy that would fail on its first request fails before it ships.
 */

export type Source = Record<string, string | undefined>;
export type EnvProblem = { name: string; message: string };

/** True when this build is for production: Vercel's production target, or a build that asks to be held to it. */
export function requiresProductionEnv(source: Source): boolean {
  return source.VERCEL_ENV === "production" || source.KEEL_REQUIRE_PRODUCTION_ENV === "1";
}

const given = (source: Source, name: string) => (source[name]?.trim() ?? "") !== "";

function isUrl(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

function missing(name: string, what: string): EnvProblem {
  return { name, message: `is required in production: ${what}` };
}

function coreProblems(source: Source): EnvProblem[] {
  const problems: EnvProblem[] = [];
  if (!given(source, "DATABASE_URL"))
    problems.push(
      missing("DATABASE_URL", "the PostgreSQL URL, like postgres://user:password@host:5432/keel?sslmode=require"),
    );
  if (!given(source, "AUTH_SECRET"))
    problems.push(missing("AUTH_SECRET", "at least 32 random characters (generate one with: openssl rand -base64 32)"));
  // KEEL_SERVE_URL alone would not do: email links and sign-in are built on AUTH_URL, else on 127.0.0.1.
  if (!given(source, "AUTH_URL"))
    problems.push(
      missing("AUTH_URL", "Keel's public URL, like https://keel.example.com; sign-in, email links and Inngest use it"),
    );
  else if (source.VERCEL_ENV === "production" && !isUrl(source.AUTH_URL ?? "", ["https:"]))
    problems.push({ name: "AUTH_URL", message: "must be an https:// URL on Vercel, like https://keel.example.com" });
  if (!given(source, "INNGEST_EVENT_KEY"))
    problems.push(missing("INNGEST_EVENT_KEY", "the event key from Inngest Cloud (Manage → Event Keys)"));
  if (!given(source, "INNGEST_SIGNING_KEY"))
    problems.push(
      missing("INNGEST_SIGNING_KEY", "the signing key from Inngest Cloud (Manage → Signing Key), signkey-prod-…"),
    );
  if (given(source, "INNGEST_DEV"))
    problems.push({
      name: "INNGEST_DEV",
      message: "must be unset in production: it points Keel at Inngest's dev server and turns off request signing",
    });
  return problems;
}

// lib/env.ts decides which bucket settings KEEL_STORAGE=s3 requires; a deploy also needs to know what to write.
const s3Hints: Record<string, string> = {
  S3_BUCKET: "the bucket's name, like keel-documents",
  S3_REGION: "the bucket's region, like eu-central-1 (auto for Cloudflare R2, us-east-1 for MinIO)",
  S3_ACCESS_KEY_ID: "the access key of a user that may read and write the bucket",
  S3_SECRET_ACCESS_KEY: "that access key's secret",
};

function formatProblems(source: Source): EnvProblem[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    if (error instanceof EnvError)
      return error.problems.map((problem) => {
        const hint = s3Hints[problem.name];
        return hint ? { ...problem, message: `${problem.message}: ${hint}` } : problem;
      });
    throw error;
  }
}

/**
 * Every production variable that is missing or wrong, at once, each with what to write: a person fixing a deploy
 * sets them all in one pass instead of one per failed build.
 */
export function productionEnvProblems(source: Source): EnvProblem[] {
  const problems = coreProblems(source);
  const named = new Set(problems.map((problem) => problem.name));
  for (const problem of formatProblems(source)) if (!named.has(problem.name)) problems.push(problem);
  return problems;
}

/** The message a build prints when productionEnvProblems found something; a preview only warns. */
export function describeProductionEnvProblems(
  problems: EnvProblem[],
  target: "production" | "preview" = "production",
): string {
  const count = `${String(problems.length)} environment variable${problems.length === 1 ? " is" : "s are"} missing or wrong`;
  const heading =
    target === "production"
      ? `Keel cannot be deployed to production: ${count}.`
      : `This preview builds, but ${count} for production; it may fail where they are needed.`;
  return (
    heading +
    "\n" +
    problems.map((problem) => `  ${problem.name}: ${problem.message}`).join("\n") +
    "\nSet them in the project's environment (Vercel: Settings → Environment Variables) and deploy again; docs/deploy.md lists each one."
  );
}

export type MigrationPlan = { migrate: true; url: string; reason: string } | { migrate: false; reason: string };

/**
 * Whether this build applies migrations: only Vercel's production build does. A preview shares no guarantee that
 * its branch's migrations belong in the production database it may point at, and once applied they cannot be undone.
 * Migrations take a session lock, which a transaction pooler drops: DATABASE_URL_UNPOOLED (as Neon's integration
 * names the direct URL) is used when set.
 */
export function migrationPlan(source: Source): MigrationPlan {
  const target = source.VERCEL_ENV?.trim();
  if (target !== "production")
    return {
      migrate: false,
      reason: target
        ? `Not applying migrations: this is a ${target} build (VERCEL_ENV=${target}); only production builds migrate.`
        : "Not applying migrations: VERCEL_ENV is not production (run npm run db:migrate to migrate by hand).",
    };
  const database = migrationUrl(source);
  if (!database) return { migrate: false, reason: "Not applying migrations: DATABASE_URL is not set." };
  return {
    migrate: true,
    url: database.url,
    reason: `Applying migrations to ${database.name} (VERCEL_ENV=production).`,
  };
}

/**
 * The database URL migrations run on, in the build and in `npm run db:migrate` alike: DATABASE_URL_UNPOOLED when
 * set, since their session lock does not survive a transaction pooler, else DATABASE_URL.
 */
export function migrationUrl(
  source: Source,
): { name: "DATABASE_URL_UNPOOLED" | "DATABASE_URL"; url: string } | undefined {
  const direct = source.DATABASE_URL_UNPOOLED?.trim();
  if (direct) return { name: "DATABASE_URL_UNPOOLED", url: direct };
  const pooled = source.DATABASE_URL?.trim();
  return pooled ? { name: "DATABASE_URL", url: pooled } : undefined;
}
