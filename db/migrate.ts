import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { Database } from "./index";

export const migrationsFolder = path.resolve(import.meta.dirname, "migrations");

/** Applies committed drizzle-kit migrations; safe on every start, and from several processes at once. */
export async function applyMigrations(database: Database): Promise<void> {
  // Drizzle's migrator takes no lock; a session lock on a reserved connection serialises concurrent starts.
  const lock = await database.$client.reserve();
  try {
    await lock`select pg_advisory_lock(hashtext('keel:migrations'))`;
    await migrate(database, { migrationsFolder, migrationsSchema: "drizzle", migrationsTable: "migrations" });
  } finally {
    await lock`select pg_advisory_unlock(hashtext('keel:migrations'))`;
    lock.release();
  }
}
