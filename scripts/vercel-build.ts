import { spawnSync } from "node:child_process";
import path from "node:path";
import { closeDatabase, connect } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import { childEnv } from "@/lib/env";
import {
  describeProductionEnvProblems,
  migrationPlan,
  productionEnvProblems,
  requiresProductionEnv,
} from "@/lib/env-production";

/**
 * `npm run vercel-build`, Vercel's build command: refuse a production build missing any variable it needs, apply
 * migrations for production builds only, then `next build`. Migrating before the build means a deploy that fails
 * to build has still migrated; migrations are additive (CONTRIBUTING.md), so the running version keeps working.
 */
async function main(): Promise<number> {
  // Raw, not env(): a missing variable here is a finding to list, not a reason to stop at the first.
  const source = childEnv({});
  const problems = productionEnvProblems(source);
  if (requiresProductionEnv(source) && problems.length > 0) {
    console.error(describeProductionEnvProblems(problems));
    return 1;
  }
  // A preview may run half-configured on purpose; say what it lacks, build it anyway.
  if (problems.length > 0 && source.VERCEL_ENV === "preview")
    console.warn(describeProductionEnvProblems(problems, "preview"));

  const plan = migrationPlan(source);
  console.log(plan.reason);
  if (plan.migrate) {
    const database = connect(plan.url, { max: 1 });
    try {
      await applyMigrations(database);
      console.log("Migrations applied.");
    } finally {
      await closeDatabase(database);
    }
  }

  const next = path.resolve("node_modules", ".bin", "next");
  const build = spawnSync(next, ["build"], { stdio: "inherit", env: childEnv({ NEXT_TELEMETRY_DISABLED: "1" }) });
  return build.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
