import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/tasks/[taskId]/handling/route";
import { db } from "@/db/index";
import { listTaskHandling } from "@/db/queries/task-handling";
import { tasks, type Task, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

// The signed-in person, set per test: these tests are about the route, not about Auth.js.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/services/auth/session", () => ({
  authorize: () => (session.user ? Promise.resolve(session.user) : Promise.reject(new AppError("unauthenticated"))),
}));

withKeelDatabase();

let approver: User;
let colleague: User;
let operator: User;

beforeAll(async () => {
  [approver, colleague, operator] = await Promise.all([
    makeUser({ role: "approver" }),
    makeUser({ role: "approver" }),
    makeUser({ role: "operator" }),
  ]);
});

const report = (taskId: string, body: unknown, headers: Record<string, string> = {}) =>
  POST(
    new Request(`http://keel.test/api/tasks/${taskId}/handling`, {
      method: "POST",
      headers: { "content-type": "application/json", host: "keel.test", origin: "http://keel.test", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ taskId }) },
  );

const as = (user: User | null) => {
  session.user = user;
};

const totalMs = async (task: Task) => (await listTaskHandling(task.id)).reduce((sum, row) => sum + row.focusedMs, 0);

describe("POST /api/tasks/[taskId]/handling, a task page's measured handling time", () => {
  it("answers 401 without a session and counts nothing", async () => {
    const task = await makeTask();
    as(null);
    const response = await report(task.id, { ms: 15_000 });
    expect(response.status).toBe(401);
    expect(await totalMs(task)).toBe(0);
  });

  it("answers 400 with what to send when the body is not a whole number of 1 to 60000 ms", async () => {
    const task = await makeTask();
    as(approver);
    for (const body of [{ ms: 60_001 }, { ms: 0 }, { ms: 1.5 }, { ms: "15000" }, {}, "not json"]) {
      const response = await report(task.id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expect(answer.error.code).toBe("bad_request:handling");
      expect(answer.error.message).toMatch(/^Send /);
    }
    const tooMuch = (await (await report(task.id, { ms: 60_001 })).json()) as { error: { message: string } };
    expect(tooMuch.error.message).toBe(
      "Send at most 60000 ms per report; report more often rather than in one large sum.",
    );
    expect(await totalMs(task)).toBe(0);
  });

  it("answers 404 like a missing task when the task is in a queue the user may not see", async () => {
    const task = await makeTask({ assignedRole: "admin", type: "HIGH_RISK_ACTION" });
    as(operator);
    const hidden = await report(task.id, { ms: 5_000 });
    const missing = await report(crypto.randomUUID(), { ms: 5_000 });
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await hidden.json()).toEqual(await missing.json());
    expect(await totalMs(task)).toBe(0);
  });

  it("refuses a report sent from another website", async () => {
    const task = await makeTask();
    as(approver);
    const response = await report(task.id, { ms: 5_000 }, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await totalMs(task)).toBe(0);
  });

  it("adds reports up per person, across reports and people", async () => {
    const task = await makeTask();
    as(approver);
    expect((await report(task.id, { ms: 15_000 })).status).toBe(204);
    expect((await report(task.id, { ms: 12_345 })).status).toBe(204);
    as(colleague);
    expect((await report(task.id, { ms: 60_000 })).status).toBe(204);
    const rows = await listTaskHandling(task.id);
    expect(rows.map((r) => [r.userId, r.focusedMs])).toEqual([
      [colleague.id, 60_000],
      [approver.id, 27_345],
    ]);
    const mine = rows.find((r) => r.userId === approver.id);
    expect(mine?.lastAt.getTime()).toBeGreaterThanOrEqual(mine?.firstAt.getTime() ?? Infinity);
  });

  it("ignores reports once the task is decided: handling counts until the decision", async () => {
    const task = await makeTask();
    as(approver);
    expect((await report(task.id, { ms: 10_000 })).status).toBe(204);
    await db()
      .update(tasks)
      .set({ status: "resolved", resolvedAt: new Date(), action: "approve" })
      .where(eq(tasks.id, task.id));
    const late = await report(task.id, { ms: 15_000 });
    expect(late.status).toBe(204);
    expect(await totalMs(task)).toBe(10_000);
  });
});
