import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * A check constraint's condition that a text column holds one of a list's values, written from the list its
 * TypeScript type derives from, so the two cannot drift. The text matches what drizzle-kit recorded when the lists
 * were typed out by hand, so building it this way changes no migration.
 */
export function oneOf(column: AnyColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((value) => `'${value}'`).join(", "))})`;
}
