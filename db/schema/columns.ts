import { uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

/** A required reference to a row this one belongs to: deleting that row deletes this one with it. */
export function ownedBy(target: () => AnyPgColumn) {
  return uuid().notNull().references(target, { onDelete: "cascade" });
}
