import { closeDatabase, connect } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import {
  describeProductionEnvProblems,
  migrationPlan,
  productionEnvProblems,
  requiresProductionEnv,
  type Source,
} from "@/lib/env-production";

export type BuildSteps = {
  /** Builds the document reader bundle, then runs `next build`; answers its exit status. */
  build: () => number | Promise<number>;
  log: (line: string) => void;
  warn: (text: string) => void;
};

/**
 * Vercel's build: refuse a production build missing any variable it needs, apply migrations for production builds
 * only, then build. Migrating before the build means a deploy that fails to build has still migrated; migrations
 * are additive (CONTRIBUTING.md), so the running version keeps working. Answers the exit status.
 */
export async function vercelBuild(source: Source, steps: BuildSteps): Promise<number> {
  const problems = productionEnvProblems(source);
  if (requiresProductionEnv(source) && problems.length > 0) {
    steps.warn(describeProductionEnvProblems(problems));
    return 1;
  }
  // A preview may run half-configured on purpose; say what it lacks, build it anyway.
  if (problems.length > 0 && source.VERCEL_ENV === "preview")
    steps.warn(describeProductionEnvProblems(problems, "preview"));

  const plan = migrationPlan(source);
  steps.log(plan.reason);
  if (plan.migrate) {
    // Two: applyMigrations holds one for its lock and migrates on the other.
    const database = connect(plan.url, { max: 2 });
    try {
      await applyMigrations(database);
      steps.log("Migrations applied.");
    } finally {
      await closeDatabase(database);
    }
  }
  return steps.build();
}
