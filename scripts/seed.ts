import { resolveDatabase } from "@/scripts/launcher/database";
import { describeStartupFailure } from "@/scripts/launcher/failure";
import { closeDatabase, connect, setDatabase } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import { describeCredentials, seedDemoCustomers, seedDemoRates, seedDemoUsers, seedDemoVendors } from "@/db/seed";
import { env } from "@/lib/env";

/** `npm run seed`: creates the demo users that are missing, in DATABASE_URL's database or the embedded one. */
async function main() {
  const e = env();
  const resolved = await resolveDatabase(e);
  console.log(`Keel database: ${resolved.description}`);
  const database = connect(resolved.url, { max: 2 });
  setDatabase(database);
  try {
    await applyMigrations(database);
    console.log(describeCredentials(await seedDemoUsers(e.KEEL_DEMO_PASSWORD)));
    console.log(`Demo vendors created: ${String(await seedDemoVendors())}`);
    console.log(`Demo exchange rates created: ${String(await seedDemoRates())}`);
    console.log(`Demo orders created: ${String(await seedDemoCustomers())}`);
  } finally {
    await closeDatabase(database);
    await resolved.stop();
  }
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});
