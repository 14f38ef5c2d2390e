import fs from "node:fs";
import path from "node:path";
import { closeDatabase, connect, setDatabase } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import { countUsers } from "@/db/queries/users";
import { describeCredentials, seedDemoCustomers, seedDemoRates, seedDemoUsers, seedDemoVendors } from "@/db/seed";
import type { Env } from "@/lib/env";
import { StartupError } from "./database";

/** Migrates, and on the first start of an empty embedded database seeds the demo users and says who they are. */
export async function prepareDatabase(url: string, e: Env, options: { seedIfEmpty: boolean }): Promise<void> {
  const database = connect(url, { max: 2 });
  setDatabase(database);
  try {
    await applyMigrations(database).catch((error: unknown) => {
      throw new StartupError(`Could not apply database migrations: ${(error as Error).message}`);
    });
    if (options.seedIfEmpty && (await countUsers()) === 0) {
      const text = describeCredentials(await seedDemoUsers(e.KEEL_DEMO_PASSWORD));
      await seedDemoVendors();
      await seedDemoRates();
      await seedDemoCustomers();
      const file = path.resolve(e.KEEL_DATA_DIR, "demo-credentials.txt");
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${text}\n`, { mode: 0o600 });
      console.log(`\n${text}\n(kept in ${path.relative(process.cwd(), file)})\n`);
    }
  } finally {
    await closeDatabase(database);
  }
}
