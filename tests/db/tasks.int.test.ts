import { describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { assignTask, expireTask, getTaskById, resolveTask } from "@/db/queries/tasks";
import { openTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const as = (u: { id: string; email: string }) => ({ id: u.id, label: u.email });

describe("resolving a task", () => {
  it("happens exactly once when two people decide at the same moment", async () => {
    const task = await openTask();
    const [a, b] = [await makeUser({ role: "approver" }), await makeUser({ role: "approver" })];
    const results = await Promise.all([
      resolveTask({ taskId: task.id, actor: as(a), action: "approve", parameters: {} }),
      resolveTask({ taskId: task.id, actor: as(b), action: "reject", parameters: { reason: "no" } }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, reason: "already_resolved" });
    expect(
      (await listAuditForSubject("task", task.id)).filter((e) => ["task.approve", "task.reject"].includes(e.action)),
    ).toHaveLength(1);
  });

  it("loses to an expiry that came first, and the expiry changes nothing after a decision", async () => {
    const late = await openTask();
    await expireTask(late.id, "deadline");
    const approver = await makeUser({ role: "approver" });
    expect(
      await resolveTask({ taskId: late.id, actor: as(approver), action: "approve", parameters: {} }),
    ).toMatchObject({ ok: false, reason: "expired" });

    const decided = await openTask();
    await resolveTask({ taskId: decided.id, actor: as(approver), action: "approve", parameters: {} });
    expect(await expireTask(decided.id, "deadline")).toMatchObject({ status: "resolved", action: "approve" });
  });
});

describe("claiming a task", () => {
  it("lets only one of two people claim it, and audits claim and release", async () => {
    const task = await openTask();
    const [a, b] = [await makeUser({ role: "approver" }), await makeUser({ role: "approver" })];
    const claims = await Promise.all([
      assignTask({ taskId: task.id, actor: as(a), to: a.id }),
      assignTask({ taskId: task.id, actor: as(b), to: b.id }),
    ]);
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    expect(claims.find((c) => !c.ok)).toMatchObject({ reason: "claimed_by_other" });
    const holder = claims.find((c) => c.ok)?.task.assigneeId === a.id ? a : b;
    expect(await assignTask({ taskId: task.id, actor: as(holder), to: null })).toMatchObject({
      ok: true,
      task: { assigneeId: null },
    });
    expect((await listAuditForSubject("task", task.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(["task.claimed", "task.released"]),
    );
  });
});

describe("assigning a task from the inbox", () => {
  it("lets people claim and release, and only admins hand a task to someone whose role works it", async () => {
    const { assign } = await import("@/services/tasks/assign");
    const task = await openTask();
    const [ann, bob, operator, admin] = [
      await makeUser({ role: "approver" }),
      await makeUser({ role: "approver" }),
      await makeUser({ role: "operator" }),
      await makeUser({ role: "admin" }),
    ];
    expect(await assign(operator, task.id, "me")).toMatchObject({ ok: false, code: "not_found:task" });
    expect(await assign(ann, task.id, bob.id)).toMatchObject({ ok: false, code: "forbidden:task" });
    expect(await assign(ann, task.id, "me")).toEqual({ ok: true });
    expect(await assign(bob, task.id, "me")).toEqual({
      ok: false,
      code: "conflict:task",
      message: `${ann.name} has already claimed this task.`,
    });
    expect(await assign(admin, task.id, operator.id)).toMatchObject({ ok: false, code: "invalid:assignee" });
    expect(await assign(admin, task.id, bob.id)).toEqual({ ok: true });
    expect((await getTaskById(task.id))?.assigneeId).toBe(bob.id);
    expect(await assign(bob, task.id, "nobody")).toEqual({ ok: true });
    await resolveTask({ taskId: task.id, actor: as(ann), action: "approve", parameters: {} });
    expect(await assign(ann, task.id, "me")).toEqual({
      ok: false,
      code: "conflict:task",
      message: "This task is no longer open.",
    });
    expect((await listAuditForSubject("task", task.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(["task.claimed", "task.reassigned", "task.released"]),
    );
  });
});

describe("the deadline ladder", () => {
  it("reminds the role once however often the step runs, then escalates to admins with a fresh email", async () => {
    const { climbLadderStep } = await import("@/services/tasks/ladder");
    await makeUser({ role: "approver" });
    await makeUser({ role: "admin" });
    const task = await openTask();
    const first = await climbLadderStep(task.id, { kind: "remind" }, 0);
    expect(first.applied).toBe(true);
    expect(first.emails).toBeGreaterThan(0);
    expect(await climbLadderStep(task.id, { kind: "remind" }, 0)).toEqual({ applied: true, emails: 0 });

    const escalated = await climbLadderStep(task.id, { kind: "escalate", toRole: "admin" }, 1);
    expect(escalated.emails).toBeGreaterThan(0);
    expect((await getTaskById(task.id))?.assignedRole).toBe("admin");
    expect((await listAuditForSubject("task", task.id)).map((e) => e.action)).toContain("task.escalated");
    // The admins get links of their own, one per action, as the first assignees did.
    const { listOutboxEmails } = await import("@/db/queries/ledger");
    const escalation = (await listOutboxEmails(500)).filter((e) => e.idempotencyKey.startsWith(`ladder-1:${task.id}:`));
    expect(escalation.length).toBe(escalated.emails);
    expect(escalation[0]?.subject).toMatch(/^Escalated to you: /);
    expect(escalation[0]?.body).toMatch(/Nobody decided this in time, so it now goes to admins\./);
    // Their links are minted when each email is sent: the outbox holds only where they go.
    const { redactLinks } = await import("@/services/mail/links");
    const { lookupActionToken, mintEmailLinks } = await import("@/db/queries/action-tokens");
    const [email] = escalation;
    expect(email?.body).not.toMatch(/\/t\//);
    expect(redactLinks(email?.body ?? "", email?.to ?? "")).toMatch(
      /Approve: \[approve link — sent to .+, not shown\]\nReject: {2}\[reject link — sent to .+, not shown\]/,
    );
    const minted = await mintEmailLinks(email?.id ?? "");
    expect(await lookupActionToken(minted.approve ?? "")).toMatchObject({
      state: "valid",
      recipient: { email: email?.to },
    });
    expect(await climbLadderStep(task.id, { kind: "escalate", toRole: "admin" }, 1)).toEqual({
      applied: true,
      emails: 0,
    });
  });

  it("does nothing to a task already decided", async () => {
    const { climbLadderStep } = await import("@/services/tasks/ladder");
    const task = await openTask();
    const approver = await makeUser({ role: "approver" });
    await resolveTask({ taskId: task.id, actor: as(approver), action: "approve", parameters: {} });
    expect(await climbLadderStep(task.id, { kind: "escalate", toRole: "admin" }, 1)).toEqual({
      applied: false,
      emails: 0,
    });
  });
});

const record = { action: "approve", parameters: {}, decided: null };

describe("four eyes", () => {
  it("resolves only when two different people have approved, counting concurrent approvals one by one", async () => {
    const { approveTask } = await import("@/db/queries/tasks");
    const task = await openTask();
    const [a, b, c] = [
      await makeUser({ role: "approver" }),
      await makeUser({ role: "approver" }),
      await makeUser({ role: "approver" }),
    ];
    expect(
      await approveTask({ taskId: task.id, actor: as(a), required: 2, seenExtractionId: null, record }),
    ).toMatchObject({ ok: true, resolved: false, approvals: 1, required: 2 });
    expect(
      await approveTask({ taskId: task.id, actor: as(a), required: 2, seenExtractionId: null, record }),
    ).toMatchObject({ ok: false, reason: "already_approved_by_you" });
    const both = await Promise.all([
      approveTask({ taskId: task.id, actor: as(b), required: 2, seenExtractionId: null, record }),
      approveTask({ taskId: task.id, actor: as(c), required: 2, seenExtractionId: null, record }),
    ]);
    expect(both.filter((r) => r.ok && r.resolved)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ reason: "already_resolved" });
  });
});
