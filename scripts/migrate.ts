import { closeDatabase, connect } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import { childEnv, env, EnvError } from "@/lib/env";
import { migrationUrl } from "@/lib/env-production";

/**
 * `npm run db:migrate`: applies the committed migrations to DATABASE_URL_UNPOOLED, else DATABASE_URL (a deploy
 * step; the launcher does it itself), the same database a production build migrates.
 */
async function main() {
  // A malformed variable is refused with what to write before anything connects.
  env();
  const target = migrationUrl(childEnv({}));
  if (!target)
    throw new Error(
      "Set DATABASE_URL (or DATABASE_URL_UNPOOLED, its direct URL) to the database to migrate. (`npm run dev` and `npm start` migrate by themselves.)",
    );
  console.log(`Applying migrations to ${target.name}.`);
  const database = connect(target.url, { max: 2 });
  try {
    await applyMigrations(database);
    console.log("Migrations applied.");
  } finally {
    await closeDatabase(database);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof Error ? error.message : error);
  process.exit(1);
});
