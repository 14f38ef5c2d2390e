import { childEnv } from "@/lib/env";
import { describeProductionEnvProblems, productionEnvProblems } from "@/lib/env-production";

/**
 * `npx tsx scripts/check-production-env.ts`: holds this shell's environment to what production needs, whatever
 * VERCEL_ENV says, so a person can check a deployment's variables before the first build.
 */
const problems = productionEnvProblems(childEnv({}));
if (problems.length > 0) {
  console.error(describeProductionEnvProblems(problems));
  process.exit(1);
}
console.log("Every production environment variable is set and valid.");
