import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTicketById } from "@/db/queries/tickets";
import { resetEnv } from "@/lib/env";
import { makeUser } from "../factories/users";
import { withPipeline } from "../pipeline/harness";
import { finished, openedTask, outcome, sendRefundRequest } from "./workflow-helpers";

// Real time on the engine: the run's wait ends at the deadline itself, not a scaled-down moment before it.
const pipeline = withPipeline({ timeScale: 1 });

// The 24-hour decision deadline becomes about 3.5 seconds, so the approvals can be aimed at it.
beforeAll(() => {
  process.env.KEEL_DEADLINE_SCALE = "0.00004";
  resetEnv();
});
afterAll(() => {
  delete process.env.KEEL_DEADLINE_SCALE;
  resetEnv();
});

const tickets = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describe("an approval at the deadline", () => {
  it("has exactly one outcome per ticket: approved with one refund and one reply, or expired with neither", async () => {
    const { engine } = pipeline();
    const { decide } = await import("@/services/tasks/decide");
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 1_000_000, approvalCurrency: "EUR" });
    const ids = await Promise.all(
      Array.from({ length: tickets }, async () => {
        const sent = await sendRefundRequest("The parcel came back damaged. I want a full refund.");
        return sent.ticketId;
      }),
    );
    const tasks = await Promise.all(ids.map((id) => openedTask(engine, id, 60_000)));

    // Each approval is aimed at its task's deadline, from just before it to a quarter second after, while the run
    // expires it: the run's own look at the deadline lands somewhere in that spread.
    const decisions = await Promise.all(
      tasks.map(async (task, i) => {
        const offset = i * 15 - 40;
        await sleep(task.deadlineAt.getTime() + offset - Date.now());
        return decide(approver, task.id, { action: "approve" });
      }),
    );
    const ended = await Promise.all(ids.map((id) => finished(engine, id, 60_000)));

    for (const [i, ticket] of ended.entries()) {
      const decided = decisions[i];
      const after = await outcome(ticket.id);
      if (decided?.ok) {
        expect(ticket.status, `ticket ${String(i)} was approved`).toBe("resolved");
        expect(after.refund?.attempts.map((a) => a.outcome)).toEqual(["applied"]);
        expect(after.replies).toHaveLength(1);
      } else {
        expect(ticket.status, `ticket ${String(i)} expired`).toBe("expired");
        // Refused by the task ("already expired") or by the ticket ("no longer takes decisions"), whichever it met.
        expect(decided).toMatchObject({
          ok: false,
          message: expect.stringMatching(/expired|no longer takes decisions/) as unknown,
        });
        expect(after.refund).toBeNull();
        expect(after.replies).toEqual([]);
      }
    }
    const approved = decisions.filter((d) => d.ok).length;
    console.log(`deadline race: ${String(approved)} approved, ${String(tickets - approved)} expired`);
    // The run saw the same outcome the person was told: no ticket is both.
    for (const id of ids) expect(["resolved", "expired"]).toContain((await getTicketById(id))?.status);
  }, 120_000);
});
