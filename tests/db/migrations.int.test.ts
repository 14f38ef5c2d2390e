import { expect, it } from "vitest";
import { applyMigrations } from "@/db/migrate";
import { withKeelDatabase } from "../setup/keel-database";

const database = withKeelDatabase();

it("applies migrations again without error or change, from two starts at once", async () => {
  const { db } = database();
  const before = await db.$client`select count(*)::int as n from drizzle.migrations`;
  await Promise.all([applyMigrations(db), applyMigrations(db)]);
  const after = await db.$client`select count(*)::int as n from drizzle.migrations`;
  expect(after[0]?.n).toBe(before[0]?.n);
  expect(before[0]?.n).toBeGreaterThan(0);
});
