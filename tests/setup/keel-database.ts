import { afterAll, beforeAll } from "vitest";
import { closeDatabase, connect, setDatabase, type Database } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import { createIsolatedDatabase } from "./database";

/**
 * Gives the calling test file its own migrated Keel database and points db() at it for the file's tests.
 * Returns a getter, since the database exists only once beforeAll has run.
 */
export function withKeelDatabase(): () => { db: Database; url: string } {
  let current: { db: Database; url: string; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    const isolated = await createIsolatedDatabase("keel");
    const database = connect(isolated.url, { max: 4 });
    await applyMigrations(database);
    setDatabase(database);
    current = { db: database, url: isolated.url, drop: isolated.drop };
  });
  afterAll(async () => {
    if (!current) return;
    await closeDatabase(current.db);
    await current.drop();
  });
  return () => {
    if (!current) throw new Error("withKeelDatabase: the database is ready only inside tests and hooks");
    return current;
  };
}
