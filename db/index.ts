import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** What a query runs on: the database, or a transaction a caller opened. */
export type Executor = Database | Transaction;

export function connect(url: string, options: { max?: number } = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: 30,
  });
  return drizzle({ client, schema, casing: "snake_case" });
}

type Holder = { keelDatabase?: Database };
// Next's dev server re-evaluates modules on every change; one pool per process, not one per reload.
const holder = globalThis as Holder;

/** The process's database, from DATABASE_URL (the launcher always sets it, embedded or not). */
export function db(): Database {
  if (!holder.keelDatabase) {
    const url = env().DATABASE_URL;
    if (!url) {
      throw new Error("DATABASE_URL is not set. Start Keel with `npm run dev` or `npm start`, which provide it.");
    }
    holder.keelDatabase = connect(url);
  }
  return holder.keelDatabase;
}

/** Points this process at another database (tests, scripts). */
export function setDatabase(database: Database): void {
  holder.keelDatabase = database;
}

export async function closeDatabase(database: Database = db()): Promise<void> {
  await database.$client.end({ timeout: 5 });
  if (holder.keelDatabase === database) holder.keelDatabase = undefined;
}

export { schema };
