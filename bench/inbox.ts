import fs from "node:fs";
import { sql } from "drizzle-orm";
import { db } from "@/db/index";
import { getDocumentById } from "@/db/queries/documents";
import { listRunSteps } from "@/services/runs/runs";
import { listTasksForDocument } from "@/db/queries/tasks";
import {
  countInboxTasks,
  listInboxTasks,
  type InboxCursor,
  type InboxFilter,
  type InboxScope,
  type InboxSort,
} from "@/db/queries/inbox";
import { createUser } from "@/db/queries/users";
import { systemActor } from "@/db/queries/audit";
import { taskTypes } from "@/domain/routing";
import { quantile, startBenchKeel } from "./keel";

/**
 * `npm run bench:inbox`: the inbox's queries over 1,000,000 tasks (first page, a deep keyset page, filters, the
 * capped counts a page shows), and how long a decision takes to wake its run (task resolved → the run's next step
 * started), p50 and p95. Figures are printed, never asserted. Real PostgreSQL (embedded), the real engine and Keel's
 * real functions.
 */
const TASKS = Number(process.argv[2] ?? 1_000_000);
const DECISIONS = Number(process.argv[3] ?? 30);
const RUNS = 40;

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function time(label: string, query: () => Promise<unknown>) {
  await query();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const at = performance.now();
    await query();
    samples.push(performance.now() - at);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(52)} p50 ${ms(quantile(samples, 0.5)).padStart(9)}   p95 ${ms(quantile(samples, 0.95)).padStart(9)}`,
  );
}

/** A million tasks on a million documents, spread over 90 days, six types, four roles' worth of queues, fifty vendors. */
async function seedTasks(count: number) {
  await db().execute(sql`
    insert into vendors (name, currency)
    select 'Bench vendor ' || v, 'EUR' from generate_series(1, 50) v`);
  await db().execute(sql`
    insert into documents (filename, kind, media_type, size_bytes, sha256, source, status, created_at)
    select 'bench-' || i || '.pdf', 'pdf', 'application/pdf', 1000, md5(i::text) || md5((i + 1)::text), 'api', 'needs_review',
           now() - make_interval(secs => i * 7.776)
    from generate_series(1, ${count}) i`);
  await db().execute(sql`
    with vendor_ids as (select array_agg(id order by name) ids from vendors where name like 'Bench vendor %'),
    numbered as (select id, created_at, row_number() over (order by created_at) n from documents where filename like 'bench-%')
    insert into tasks (document_id, type, status, title, description, reasons, proposed, assigned_role, vendor_id, amount_minor, currency, deadline_at, created_at)
    select d.id,
           (array['REVIEW_EXTRACTION','APPROVE_SPEND','CONFIRM_PRICE_CHANGE','CONFIRM_BANK_CHANGE','CONFIRM_DUPLICATE','HIGH_RISK_ACTION','CONFIRM_NEW_VENDOR'])[1 + d.n % 7],
           (case when d.n % 5 = 0 then 'resolved' else 'open' end)::task_status,
           'Bench task ' || d.n, '', '[]'::jsonb, '{}'::jsonb,
           (array['operator','approver','approver','admin','operator','admin','approver'])[1 + d.n % 7]::user_role,
           v.ids[1 + d.n % 50],
           case when d.n % 11 = 0 then null else (d.n * 7919) % 5000000 end,
           'EUR', d.created_at + interval '3 days', d.created_at
    from numbered d, vendor_ids v`);
  await db().execute(sql`analyze`);
}

/** The cursor after `offset` rows of a listing, found once the slow way, to time a deep keyset page. */
async function cursorAt(
  user: InboxScope,
  filter: InboxFilter,
  sort: InboxSort,
  offset: number,
): Promise<InboxCursor | undefined> {
  let after: InboxCursor | undefined;
  for (let seen = 0; seen < offset; seen += 5000) {
    const page = await listInboxTasks(user, filter, { sort, after, limit: 5000 });
    if (!page.next) return after;
    after = page.next;
  }
  return after;
}

async function measureQueries(approver: InboxScope, admin: InboxScope) {
  const open: InboxFilter = { view: "queue", status: "open" };
  const [vendor] = await db().execute<{ id: string }>(sql`select id from vendors where name = 'Bench vendor 7'`);
  console.log(
    `inbox benchmark: ${TASKS.toLocaleString("en-GB")} tasks (80 % open), 50-row pages, ${String(RUNS)} runs each`,
  );
  for (const sort of ["oldest", "newest", "due", "amount"] as const) {
    await time(`approver queue, ${sort}, first page`, () => listInboxTasks(approver, open, { sort }));
    const deep = await cursorAt(approver, open, sort, 200_000);
    await time(`approver queue, ${sort}, page at row 200,000`, () =>
      listInboxTasks(approver, open, { sort, after: deep }),
    );
  }
  await time("approver queue, type filter, first page", () =>
    listInboxTasks(approver, { ...open, type: "CONFIRM_PRICE_CHANGE" }),
  );
  await time("approver queue, vendor filter, first page", () =>
    listInboxTasks(approver, { ...open, vendorId: vendor?.id }),
  );
  await time("approver queue, waiting over 7 days, first page", () =>
    listInboxTasks(approver, { ...open, createdBefore: new Date(Date.now() - 7 * 86_400_000) }),
  );
  await time("approver queue, amount 10,000–20,000 EUR, by amount", () =>
    listInboxTasks(
      approver,
      { ...open, amount: { currency: "EUR", minMinor: 1_000_000, maxMinor: 2_000_000 } },
      { sort: "amount" },
    ),
  );
  await time("admin, every queue, first page", () => listInboxTasks(admin, open));
  const adminDeep = await cursorAt(admin, open, "oldest", 500_000);
  await time("admin, every queue, page at row 500,000", () => listInboxTasks(admin, open, { after: adminDeep }));
  await time("counts one inbox page shows (7, capped at 10,000)", () =>
    Promise.all([
      countInboxTasks(approver, { ...open, view: "mine" }),
      ...taskTypes.map((type) => countInboxTasks(approver, { ...open, type })),
    ]),
  );
}

/** Documents that each stop at a task; each is decided in turn and timed until its run starts the next step. */
async function measureWakeUps(approverId: string) {
  const { receiveDocument } = await import("@/services/documents/receive");
  const { decide } = await import("@/services/tasks/decide");
  const { getUserById } = await import("@/db/queries/users");
  const approver = await getUserById(approverId);
  if (!approver) throw new Error("no approver");
  const base = fs.readFileSync("ai/deterministic/fixtures/invoice-us-acme.txt", "utf8");
  const documentIds: string[] = [];
  for (let i = 0; i < DECISIONS; i++) {
    const text = base.replace("INV-2025-00418", `INV-BENCH-${String(i)}`).replace(/^ACH:.*$/m, "");
    const { document } = await receiveDocument({
      bytes: new TextEncoder().encode(text),
      filename: `wake-${String(i)}.txt`,
      source: "api",
      actor: { id: null, label: "bench" },
    });
    documentIds.push(document.id);
  }
  // Every run must be waiting before the first decision, or the measure would include the pipeline's own work.
  const waiting: { taskId: string; runId: string }[] = [];
  for (const documentId of documentIds) {
    const task = await poll(async () => (await listTasksForDocument(documentId)).find((t) => t.status === "open"));
    const runId = await poll(async () => {
      const document = await getDocumentById(documentId);
      if (!document?.runId) return undefined;
      const steps = await listRunSteps(document.runId);
      return steps.some((s) => s.name?.startsWith("wait-for-decision")) ? document.runId : undefined;
    });
    waiting.push({ taskId: task.id, runId });
  }
  const latencies: number[] = [];
  for (const { taskId, runId } of waiting) {
    const at = performance.now();
    const result = await decide(approver, taskId, { action: "approve" });
    if (!result.ok) throw new Error(`decide: ${result.message}`);
    await poll(async () => ((await listRunSteps(runId)).some((s) => s.name === "read-decision") ? true : undefined), 2);
    latencies.push(performance.now() - at);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `task resolved → the run's next step started (${String(DECISIONS)} decisions, one at a time, through decide())`,
  );
  console.log(
    `  p50 ${ms(quantile(latencies, 0.5))}   p95 ${ms(quantile(latencies, 0.95))}   max ${ms(latencies.at(-1) ?? Number.NaN)}`,
  );
}

async function poll<T>(read: () => Promise<T | undefined>, everyMs = 20): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("bench: timed out waiting");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function main() {
  const keel = await startBenchKeel("inbox");
  const make = async (role: "approver" | "admin") => {
    const result = await createUser(
      {
        email: `bench-${role}@example.test`,
        name: `Bench ${role}`,
        role,
        approvalLimitMinor: 100_000_000,
        approvalCurrency: "USD",
        passwordHash: null,
      },
      systemActor("bench"),
    );
    if (!result.ok) throw new Error(result.reason);
    return result.user;
  };
  const approver = await make("approver");
  const admin = await make("admin");
  // An admin decides: the first business with a vendor not on file goes to whichever task the rules ask for.
  await measureWakeUps(admin.id);

  const seeding = performance.now();
  await seedTasks(TASKS);
  console.log(
    `seeded ${TASKS.toLocaleString("en-GB")} tasks in ${((performance.now() - seeding) / 1000).toFixed(0)} s`,
  );
  await measureQueries({ id: approver.id, role: "approver" }, { id: admin.id, role: "admin" });

  await keel.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
