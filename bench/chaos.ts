import path from "node:path";
import { parseArgs } from "node:util";
import { closeDatabase, connect, setDatabase, type Database } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import { createUser } from "@/db/queries/users";
import { systemActor } from "@/db/queries/audit";
import type { User } from "@/db/schema";
import { seedDemoVendors } from "@/db/seed";
import { pause, randomBetween, type Outage } from "../tests/engine/processes";
import { startCluster, type Cluster } from "./chaos/cluster";
import { approveOpenTasks, loadFixtures, submit, withConnection } from "./chaos/load";
import { collectReport, printReport } from "./chaos/report";

/**
 * `npm run chaos`: Keel under load while the engine, the app and PostgreSQL are killed at random moments, then a
 * count of what must never happen: documents lost or stuck, effects applied twice, finished steps redone. Exits 1
 * when any of those is above 0. Real PostgreSQL (embedded, in .tmp), the real engine CLI, Keel's real functions
 * behind the real serve() handler, each in its own process.
 */
const { values: args } = parseArgs({
  options: {
    documents: { type: "string", default: "200" },
    minutes: { type: "string", default: "5" },
    "settle-minutes": { type: "string", default: "10" },
  },
});
const DOCUMENTS = Number(args.documents);
const CHAOS_MS = Number(args.minutes) * 60_000;
const SETTLE_MS = Number(args["settle-minutes"]) * 60_000;
const TERMINAL = ["posted", "rejected", "failed"];
// The currencies of the sample documents: each gets two approvers, for four-eyes tasks.
const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "AUD", "CAD", "INR", "JPY", "KWD", "PLN", "SEK", "NOK", "DKK", "CZK"];

type Kill = { name: string; run: (cluster: Cluster) => Promise<void>; recoveryMs: number };
const KILLS: Kill[] = [
  { name: "engine (SIGKILL)", run: (c) => c.killEngine(), recoveryMs: 0 },
  { name: "app (SIGKILL)", run: (c) => c.killApp(), recoveryMs: 0 },
  // Pools notice a dead server only after their database deadline, so the outage lasts until then.
  { name: "PostgreSQL (kill -9 of the postmaster and backends)", run: (c) => c.killPostgres(), recoveryMs: 6_000 },
];

let database: Database | undefined;
function switchDatabase(url: string) {
  const previous = database;
  database = connect(url, { max: 10 });
  setDatabase(database);
  if (previous) void closeDatabase(previous).catch(() => {});
}

async function main() {
  const started = Date.now();
  const at = () => `+${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`;
  const cluster = await startCluster(path.resolve(".tmp", `chaos-${String(process.pid)}`));
  Object.assign(process.env, {
    INNGEST_BASE_URL: cluster.engineUrl,
    INNGEST_SIGNING_KEY: cluster.keys.signingKey,
    INNGEST_EVENT_KEY: cluster.keys.eventKey,
    KEEL_SERVE_URL: cluster.appUrl,
    LOG_LEVEL: "silent",
  });
  delete process.env.INNGEST_DEV;
  switchDatabase(cluster.databaseUrl());
  await applyMigrations(database as Database);
  await seedDemoVendors();
  const approvers: User[] = [];
  for (const currency of CURRENCIES) {
    for (const n of [1, 2]) {
      const email = `approver-${String(n)}-${currency.toLowerCase()}@chaos.test`;
      const result = await createUser(
        {
          email,
          name: `Approver ${String(n)} ${currency}`,
          role: "admin",
          approvalLimitMinor: 1e13,
          approvalCurrency: currency,
          passwordHash: null,
        },
        systemActor("chaos"),
      );
      if (result.ok) approvers.push(result.user);
    }
  }
  console.log(
    `chaos: ${String(DOCUMENTS)} documents over ${String(CHAOS_MS / 60_000)} min, then up to ${String(SETTLE_MS / 60_000)} min to settle`,
  );
  console.log(`${at()}  Keel up: PostgreSQL, engine ${cluster.engineUrl}, app ${cluster.appUrl}`);

  const chaosEnds = Date.now() + CHAOS_MS;
  const fixtures = loadFixtures();
  const submitted: string[] = [];
  const refusals = new Map<string, number>();
  const refusedTasks = new Set<string>();
  const outages: Outage[] = [];
  let killing = Promise.resolve();

  const submitting = (async () => {
    const gap = CHAOS_MS / DOCUMENTS;
    const from = Date.now();
    for (let i = 0; i < DOCUMENTS; i++) {
      const text = `${fixtures[i % fixtures.length] ?? ""}\nReference: CHAOS-${String(process.pid)}-${String(i)}\n`;
      submitted.push(await submit(text, `chaos-${String(i)}.txt`, chaosEnds + SETTLE_MS));
      await pause(Math.max(0, from + (i + 1) * gap - Date.now()));
    }
  })();

  const bag: Kill[] = [];
  const chaos = (async () => {
    while (Date.now() < chaosEnds) {
      await pause(randomBetween(3_000, Math.min(20_000, CHAOS_MS / 4)));
      if (Date.now() >= chaosEnds) break;
      // Drawn from a shuffled bag of all three, so every kind happens within any three kills.
      if (bag.length === 0) bag.push(...[...KILLS].sort(() => Math.random() - 0.5));
      const kill = bag.pop() as Kill;
      const down = Date.now();
      killing = kill.run(cluster);
      await killing;
      if (kill.name.startsWith("PostgreSQL")) switchDatabase(cluster.databaseUrl());
      outages.push({ down, up: Date.now() + kill.recoveryMs });
      console.log(`${at()}  killed ${kill.name}; back after ${((Date.now() - down) / 1000).toFixed(1)} s`);
    }
  })();

  const settled = async () =>
    withConnection(cluster.databaseUrl(), async (sql) => {
      // A document whose task no approver may decide waits for a person for good: settled too.
      const rows = await sql<{ status: string; refused: boolean }[]>`
        select d.status, exists (select 1 from tasks t where t.document_id = d.id and t.status = 'open' and t.id = any(${[...refusedTasks]}::uuid[])) as refused
        from documents d where d.id = any(${submitted}::uuid[])`;
      return rows.filter((r) => TERMINAL.includes(r.status) || r.refused).length;
    }).catch(() => -1);

  // Tasks are approved as they open, through the real decide(), between outages as people would.
  const approving = { on: true };
  const approvals = (async () => {
    while (approving.on) {
      await killing;
      await approveOpenTasks(cluster.databaseUrl(), [...submitted], approvers, refusals, refusedTasks).catch(() => {});
      await pause(1_000);
    }
  })();

  await Promise.all([submitting, chaos]);
  console.log(
    `${at()}  chaos over: ${String(outages.length)} kills; ${String(submitted.length)} documents submitted; waiting for them to settle`,
  );
  const deadline = Date.now() + SETTLE_MS;
  let last = "";
  while (Date.now() < deadline) {
    const done = await settled();
    if (done === submitted.length) break;
    const progress = `${String(done)} of ${String(submitted.length)} settled`;
    if (progress !== last) console.log(`${at()}  ${progress}`);
    last = progress;
    await pause(2_000);
  }
  approving.on = false;
  await approvals;

  const report = await withConnection(cluster.databaseUrl(), (sql) => collectReport(sql, submitted, outages));
  console.log("");
  const ok = printReport(report);
  if (refusals.size > 0) {
    console.log("\napprovals refused (by reason):");
    for (const [reason, count] of refusals) console.log(`  ${String(count)} × ${reason}`);
  }
  if (database) await closeDatabase(database).catch(() => {});
  await cluster.stop();
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
