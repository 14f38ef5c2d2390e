import { closeDatabase, connect } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import { env, EnvError } from "@/lib/env";

/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL (a deploy step; the launcher does it itself). */
async function main() {
  const url = env().DATABASE_URL;
  if (!url)
    throw new Error(
      "Set DATABASE_URL to the database to migrate. (`npm run dev` and `npm start` migrate by themselves.)",
    );
  const database = connect(url, { max: 2 });
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
