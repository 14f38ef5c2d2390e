import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterEach, expect, it } from "vitest";
import {
  destroyEmbeddedData,
  EmbeddedPostgresError,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from "@/db/embedded";
import { isAlive } from "@/db/embedded/lock";

/** The embedded PostgreSQL from a checkout's point of view: its own folder, restarts, and every way a start can fail. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// A private folder like root's home or `mktemp -d`: mode 700, closed to the server's own user when Keel runs as root.
function privateFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keel-embedded-"));
  fs.chmodSync(dir, 0o700);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir: string, options: { ephemeral?: boolean } = {}): Promise<EmbeddedDatabase> {
  const db = await startEmbeddedPostgres({ dataDir, ...options });
  cleanups.push(() => db.stop().catch(() => {}));
  return db;
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(text)) as unknown as T[];
  } finally {
    await sql.end();
  }
}

it("keeps a checkout's data across restarts even in a folder closed to other users", async () => {
  const dataDir = path.join(privateFolder(), ".keel", "postgres");
  cleanups.push(() => destroyEmbeddedData(dataDir));
  const first = await start(dataDir);
  await query(first.url, "create table kept (n int); insert into kept values (42)");
  await first.stop();

  const second = await start(dataDir);
  expect(second.dataDir).toBe(first.dataDir);
  expect(await query<{ n: number }>(second.url, "select n from kept")).toEqual([{ n: 42 }]);
  if (process.getuid?.() === 0) {
    // As root the server runs as another user, which may not enter the 700 folder: the data lives outside, linked.
    expect(fs.lstatSync(dataDir).isSymbolicLink()).toBe(true);
    expect(second.location).toContain("linked from");
    expect((fs.statSync(path.dirname(path.dirname(dataDir))).mode & 0o777).toString(8)).toBe("700");
  }
});

it("removes an ephemeral cluster's files when it stops", async () => {
  const db = await startEmbeddedPostgres({ dataDir: path.join(privateFolder(), "pg"), ephemeral: true });
  expect(fs.existsSync(path.join(db.dataDir, "PG_VERSION"))).toBe(true);
  await db.stop();
  expect(fs.existsSync(db.dataDir)).toBe(false);
});

it("lets only one of two starts in the same folder at once have the database, and says why to the other", async () => {
  const dataDir = path.join(privateFolder(), "pg");
  cleanups.push(() => destroyEmbeddedData(dataDir));
  const results = await Promise.allSettled([start(dataDir), start(dataDir)]);
  const refused = results.filter((r) => r.status === "rejected");
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  expect(refused).toHaveLength(1);
  const reason = (refused[0] as PromiseRejectedResult).reason as Error;
  expect(reason).toBeInstanceOf(EmbeddedPostgresError);
  expect(reason.message).toMatch(/is in use by another Keel process \(pid \d+/);
});

it("refuses a folder another live process holds", async () => {
  const dataDir = path.join(privateFolder(), "pg");
  const holder = spawn("sleep", ["30"]);
  cleanups.push(() => void holder.kill());
  fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: holder.pid, startTime: null, command: "npm run dev" }));
  await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(`(pid ${String(holder.pid)}: npm run dev)`);
});

it("stops a server a killed Keel left running before starting its own, and ignores the stale lock", async () => {
  const dataDir = path.join(privateFolder(), "pg");
  cleanups.push(() => destroyEmbeddedData(dataDir));
  const orphan = await start(dataDir);
  const orphanPid = Number(fs.readFileSync(path.join(orphan.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  // What a SIGKILLed launcher leaves: its lock naming a dead pid, and the server still running.
  fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 17, startTime: null, command: "npm run dev" }));

  const next = await start(dataDir);
  expect(next.stoppedOrphan).toBe(orphanPid);
  expect(isAlive(orphanPid)).toBe(false);
  expect(await query<{ ok: number }>(next.url, "select 1 as ok")).toEqual([{ ok: 1 }]);
});

it("explains a data folder written by a newer PostgreSQL, and leaves it untouched", async () => {
  const dataDir = path.join(privateFolder(), "pg");
  fs.mkdirSync(dataDir);
  fs.writeFileSync(path.join(dataDir, "PG_VERSION"), "19\n");
  const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EmbeddedPostgresError);
  expect((error as Error).message).toContain("was made by PostgreSQL 19, and Keel's embedded PostgreSQL is 18");
  expect(fs.readFileSync(path.join(dataDir, "PG_VERSION"), "utf8")).toBe("19\n");
  expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
});

it("explains a damaged data folder in one sentence and leaves no server running", async () => {
  const dataDir = path.join(privateFolder(), "pg");
  cleanups.push(() => destroyEmbeddedData(dataDir));
  const db = await start(dataDir);
  await db.stop();
  fs.rmSync(path.join(db.dataDir, "global", "pg_control"));

  const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EmbeddedPostgresError);
  expect((error as Error).message).toMatch(
    /^PostgreSQL could not start on the data in .*: .*pg_control.*\. The folder may be damaged/,
  );
  expect(fs.existsSync(path.join(db.dataDir, "postmaster.pid"))).toBe(false);
  expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
});
