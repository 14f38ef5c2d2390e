import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transaction } from "@/engine/db";
import { createIsolatedDatabase } from "../setup/database";

/**
 * The engine's transactions send BEGIN with their first statement instead of waiting for it alone (engine/db.ts):
 * they must still be one transaction each, roll back whole, and leave the pool's connections usable.
 */

let db: { url: string; drop: () => Promise<void> };
let sql: postgres.Sql;

beforeAll(async () => {
  db = await createIsolatedDatabase("tx");
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
  await sql`create table items (id int primary key)`;
});

afterAll(async () => {
  await sql.end({ timeout: 5 });
  await db.drop();
});

describe("transaction", () => {
  it("runs every statement of its body, awaited or sent together, in one transaction that commits", async () => {
    const ids = await transaction(sql, async (tx) => {
      const [first] = await tx<{ id: string }[]>`select txid_current()::text as id`;
      const [second, third] = await Promise.all([
        tx<{ id: string }[]>`insert into items values (1) returning txid_current()::text as id`,
        tx<{ id: string }[]>`select txid_current()::text as id`,
      ]);
      return [first?.id, second[0]?.id, third[0]?.id];
    });
    expect(new Set(ids).size).toBe(1);
    expect(await sql`select id from items where id = 1`).toHaveLength(1);
  });

  it("rolls back everything the body wrote when it throws, and gives its connection back", async () => {
    await expect(
      transaction(sql, async (tx) => {
        await tx`insert into items values (2)`;
        throw new Error("the body changed its mind");
      }),
    ).rejects.toThrow("the body changed its mind");
    await expect(
      transaction(sql, async (tx) => {
        await tx`insert into items values (3)`;
        await tx`insert into items values (3)`;
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(await sql`select id from items where id in (2, 3)`).toHaveLength(0);
    // No connection was left inside its transaction: each answers a statement of its own.
    const idle = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and state like 'idle in transaction%'`;
    expect(idle[0]?.n).toBe(0);
    await Promise.all([sql`select pg_sleep(0.05)`, sql`select pg_sleep(0.05)`]);
  });

  it("retries a body whose transaction failed on a serialization error, from the start", async () => {
    let tries = 0;
    await transaction(sql, async (tx) => {
      tries += 1;
      await tx`insert into items values (4) on conflict do nothing`;
      if (tries === 1) await tx`do $$ begin raise exception 'conflict' using errcode = '40001'; end $$`;
    });
    expect(tries).toBe(2);
    expect(await sql`select id from items where id = 4`).toHaveLength(1);
  });
});
