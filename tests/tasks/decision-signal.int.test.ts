import { randomUUID } from "node:crypto";
import type { InngestFunction } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueEvent } from "@/db/queries/event-outbox";
import { startApp, startTestEngine, until, type TestApp, type TestEngine } from "../engine/helpers";
import { withKeelDatabase } from "../setup/keel-database";

/**
 * The race the task wait must win: a person decides while the run is between opening the task and registering its
 * wait. The run here has process-document's shape (open the task, waitForDecision, read the decision) with the task
 * kept in memory, so 800 races fit in CI; the wake-up is Keel's own: the outbox row written with the decision,
 * sendWakeUp after the commit, the signal through the SDK, the engine, serve(), decisionSeen when the run reads it.
 */

const OFFSETS_MS = [0, 1, 10, 100];
const PER_OFFSET = Number(process.env.KEEL_DECISION_RACES ?? 200);
const IN_FLIGHT = Number(process.env.KEEL_DECISION_RACES_IN_FLIGHT ?? 10);

const database = withKeelDatabase();
let engine: TestEngine;
let app: TestApp;

const opened = new Map<string, () => void>();
const finished = new Map<string, () => void>();
const decidedAt = new Map<string, number>();
const resumedAt = new Map<string, number>();
const applied = new Map<string, number>();

let send: (taskId: string) => Promise<void>;
let decide: (taskId: string) => Promise<void>;

beforeAll(async () => {
  // Real time: the run's first re-read of its task is a real minute away, so only the signal can resume it sooner.
  engine = await startTestEngine({ databaseUrl: database().url, timeScale: 1 });
  // The Inngest client reads its mode and base URL from the environment when first used.
  process.env.INNGEST_DEV = engine.url;
  process.env.INNGEST_BASE_URL = engine.url;
  const { inngest } = await import("@/services/events/client");
  const { waitForDecision } = await import("@/inngest/functions/wait-for-decision");
  const { decisionSeen, sendWakeUp, wakeUpEvent } = await import("@/services/tasks/wake-run");

  const flow = inngest.createFunction(
    { id: "decision-race", triggers: [{ event: "test/decision-race" }] },
    async ({ event, step }) => {
      const taskId = String(event.data.taskId);
      const task = await step.run("open-task", () => {
        opened.get(taskId)?.();
        return { taskId, deadlineAt: Date.now() + 60_000 };
      });
      await waitForDecision(step, "wait-for-decision", task.taskId, new Date(task.deadlineAt));
      return step.run("read-decision", async () => {
        if (!decidedAt.has(taskId)) return { outcome: "pending" };
        if (!resumedAt.has(taskId)) resumedAt.set(taskId, Date.now());
        applied.set(taskId, (applied.get(taskId) ?? 0) + 1);
        await decisionSeen(taskId);
        finished.get(taskId)?.();
        return { outcome: "approved" };
      });
    },
  );
  app = await startApp(inngest, [flow] as InngestFunction.Any[]);
  await engine.syncApp(app.url);

  send = async (taskId) => {
    await inngest.send({ name: "test/decision-race", data: { taskId } });
  };
  decide = async (taskId) => {
    // The decision commits with its wake-up (resolveTask's transaction); the sender runs after the commit.
    await queueEvent(wakeUpEvent({ id: taskId, documentId: randomUUID() }, "approve"));
    decidedAt.set(taskId, Date.now());
    await sendWakeUp(taskId);
  };
}, 60_000);

afterAll(async () => {
  await app.close();
  await engine.close();
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function race(offsetMs: number): Promise<string> {
  const taskId = randomUUID();
  const isOpen = new Promise<void>((resolve) => opened.set(taskId, resolve));
  const isDone = new Promise<void>((resolve) => finished.set(taskId, resolve));
  await send(taskId);
  await isOpen;
  if (offsetMs > 0) await new Promise((resolve) => setTimeout(resolve, offsetMs));
  await decide(taskId);
  // Short of the run's first re-read a minute away: a run not resumed by then is counted as never resumed.
  await Promise.race([isDone, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  return taskId;
}

describe("a decision that lands before the run waits for it", () => {
  it(`resumes the run within a second, never lost nor applied twice (${String(PER_OFFSET)} decisions at each of 0, 1, 10, 100 ms)`, async () => {
    const jobs = OFFSETS_MS.flatMap((offset) => Array.from({ length: PER_OFFSET }, () => offset));
    // The app's first calls load its modules: warm it up, so the figures are the wake-up's and not a cold start's.
    const warmUp = await Promise.all([race(100), race(100)]);
    const byOffset = new Map<number, string[]>();
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const offset = jobs[next++] ?? 0;
        const taskId = await race(offset);
        byOffset.set(offset, [...(byOffset.get(offset) ?? []), taskId]);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    // When each run registered its wait (the wait step's start, on the same clock): a run slowed by a busy machine
    // may register it seconds after the decision, and no wake-up can resume a run before it waits.
    const registered = await engine.sql<{ task_id: string; at: Date; resolved: Date | null }[]>`
      select r.event->'data'->>'taskId' as task_id, s.started_at as at, s.ended_at as resolved
      from run_steps s join runs r on r.id = s.run_id
      where r.function_id = 'keel-decision-race' and s.name = 'wait-for-decision'`;
    const waitedAt = new Map(registered.map((row) => [row.task_id, row.at.getTime()]));
    // The engine resumed the run when the signal resolved its wait; the read-decision call follows as after any wait.
    const resolvedAt = new Map(registered.map((row) => [row.task_id, row.resolved?.getTime() ?? Infinity]));
    const f = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : "never");
    const spread = (values: number[]) =>
      `p50 ${f(percentile(values, 50))}, p95 ${f(percentile(values, 95))}, max ${f(values.at(-1) ?? NaN)}`;
    const lines: string[] = [];
    const checks: Array<() => void> = [];
    for (const offset of OFFSETS_MS) {
      const ids = byOffset.get(offset) ?? [];
      const resumed = (id: string) => resolvedAt.get(id) ?? Infinity;
      const read = (id: string) => resumedAt.get(id) ?? Infinity;
      const decided = (id: string) => decidedAt.get(id) ?? 0;
      const waited = (id: string) => waitedAt.get(id) ?? Infinity;
      const early = ids.filter((id) => decided(id) < waited(id));
      const sinceDecision = ids.map((id) => resumed(id) - decided(id)).sort((a, b) => a - b);
      const toRead = ids.map((id) => read(id) - decided(id)).sort((a, b) => a - b);
      // What the wake-up adds: from the moment both the decision and the wait exist to the run resuming.
      const sinceBoth = ids.map((id) => resumed(id) - Math.max(decided(id), waited(id))).sort((a, b) => a - b);
      lines.push(
        `decided ${String(offset).padStart(3)} ms after the task opened: ${String(ids.length)} runs, ` +
          `${String(early.length)} decided before the run waited; decision → resumed ${spread(sinceDecision)}; ` +
          `later of decision and wait → resumed ${spread(sinceBoth)}; decision → read by the run ${spread(toRead)}`,
      );
      checks.push(() => {
        expect(ids).toHaveLength(PER_OFFSET);
        expect(
          sinceBoth.filter((ms) => ms >= 1_000),
          `runs of offset ${String(offset)} ms slower than 1 s`,
        ).toEqual([]);
        if (offset === 0) expect(early.length, "decisions at 0 ms that landed before the wait").toBeGreaterThan(0);
      });
    }
    console.log(lines.join("\n"));

    const all = [...warmUp, ...[...byOffset.values()].flat()];
    expect(all.filter((id) => applied.get(id) !== 1)).toEqual([]);
    // Every wait ended by its signal, none by its timeout (the re-read a minute away).
    const waits = await engine.sql<{ signalled: number; total: number }[]>`
      select count(*) filter (where s.value->'data'->>'signal' is not null)::int as signalled, count(*)::int as total
      from run_steps s join runs r on r.id = s.run_id
      where r.function_id = 'keel-decision-race' and s.name = 'wait-for-decision'`;
    expect(waits[0]).toEqual({ signalled: all.length, total: all.length });
    const runs = await until("every run to end", async () => {
      const rows = await engine.sql<{ status: string; n: number }[]>`
        select status, count(*)::int as n from runs where function_id = 'keel-decision-race' group by status`;
      return rows.some((r) => r.status === "Running") ? undefined : rows;
    });
    expect(runs).toEqual([{ status: "Completed", n: all.length }]);
    // Every wake-up is settled: its signal taken or made moot, its event sent for runs that wait on events.
    const [outbox] = await database().db.$client<{ unsettled: number }[]>`
      select count(*)::int as unsettled from event_outbox where signalled_at is null or sent_at is null`;
    expect(outbox?.unsettled).toBe(0);
    // Last, so a slow machine's latency failure still shows that nothing was lost or applied twice.
    for (const check of checks) check();
  }, 300_000);
});
