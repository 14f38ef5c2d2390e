import { describe, expect, it } from "vitest";
import { issueActionTokens, lookupActionToken, mintEmailLinks, queueEmailWithLinks } from "@/db/queries/action-tokens";
import { listAuditForSubject } from "@/db/queries/audit";
import { getUnsentEvent } from "@/db/queries/event-outbox";
import { listPayablesForDocument } from "@/db/queries/ledger";
import { getTaskById, listTaskApprovers } from "@/db/queries/tasks";
import type { User } from "@/db/schema";
import { taskResolvedId } from "@/services/events/catalog";
import { confirmActionLink, usableLink } from "@/services/tasks/confirm-link";
import { decide } from "@/services/tasks/decide";
import { outboxEmail } from "../factories/emails";
import { openTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

/** The confirmation as the link's page posts it, from a browser with no session or signed in as `signedIn`. */
const confirm = (token: string, reason = "", signedIn: User | null = null) =>
  confirmActionLink({ token, reason }, signedIn);

const refusedAs = async (taskId: string, userId: string) =>
  (await listAuditForSubject("task", taskId)).filter((e) => e.action === "task_link.refused" && e.actorId === userId);

describe("email action links", () => {
  it("act once, as their recipient, and then say they were used", async () => {
    const task = await openTask({ title: "Approve invoice 7" });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000 });
    const tokens = await issueActionTokens(task.id, approver.id, ["approve", "reject"], task.deadlineAt);
    expect((await lookupActionToken(tokens.approve ?? "")).state).toBe("valid");

    expect(await confirm(tokens.approve ?? "")).toEqual({ done: true, message: "Approved. Thank you." });
    expect(await getTaskById(task.id)).toMatchObject({
      status: "resolved",
      action: "approve",
      resolvedBy: approver.id,
    });
    expect(await confirm(tokens.approve ?? "")).toEqual({
      done: false,
      message: expect.stringContaining("already used") as string,
    });
    // The other action's link now meets a decided task: it changes nothing.
    expect(await confirm(tokens.reject ?? "", "too late")).toMatchObject({
      done: false,
      message: expect.stringContaining("already decided") as string,
    });
  });

  it("refuse tampered and expired tokens, and audit it", async () => {
    const task = await openTask({ title: "Approve invoice 7" });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000 });
    const [expired] = Object.values(
      await issueActionTokens(task.id, approver.id, ["approve"], new Date(Date.now() - 1000)),
    );
    expect(await confirm(expired ?? "")).toEqual({
      done: false,
      message: expect.stringContaining("expired") as string,
    });
    const tampered = `${(expired ?? "").slice(0, -2)}xx`;
    expect(await confirm(tampered)).toEqual({ done: false, message: expect.stringContaining("not valid") as string });
    expect((await getTaskById(task.id))?.status).toBe("open");
    expect((await listAuditForSubject("task", task.id)).map((e) => e.action)).toContain("task_link.refused");
  });

  it("apply the same policy as the inbox: a recipient over their limit changes nothing", async () => {
    const task = await openTask({ amountMinor: 5_000_000, title: "Approve invoice 7" });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000 });
    const tokens = await issueActionTokens(task.id, approver.id, ["approve"], task.deadlineAt);
    expect(await confirm(tokens.approve ?? "")).toEqual({
      done: false,
      message: "€50,000.00 is over your approval limit of €1,000.00.",
    });
    expect((await getTaskById(task.id))?.status).toBe("open");
    expect((await lookupActionToken(tokens.approve ?? "")).state).toBe("valid");
  });

  it("ask for a reason before rejecting", async () => {
    const task = await openTask({ title: "Approve invoice 7" });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000 });
    const tokens = await issueActionTokens(task.id, approver.id, ["reject"], task.deadlineAt);
    expect(await confirm(tokens.reject ?? "")).toMatchObject({
      done: false,
      reasonError: expect.any(String) as string,
    });
    expect(await confirm(tokens.reject ?? "", "Wrong vendor")).toEqual({ done: true, message: "Rejected. Thank you." });
    expect(await getTaskById(task.id)).toMatchObject({ action: "reject", parameters: { reason: "Wrong vendor" } });
  });
});

describe("an action link acts only for its recipient", () => {
  it("refuses an admin who uploaded the document and confirms an approver's link, audits it, and nothing posts", async () => {
    const admin = await makeUser({ role: "admin", approvalLimitMinor: 10_000_000 });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 1_000_000 });
    const task = await openTask({ amountMinor: 649_999, title: "Approve invoice 6499", uploadedBy: admin.id });
    const { approve } = await issueActionTokens(task.id, approver.id, ["approve"], task.deadlineAt);

    expect(await confirm(approve ?? "", "", admin)).toEqual({
      done: false,
      message: expect.stringContaining(`sent to ${approver.name}`) as string,
    });
    expect(await getTaskById(task.id)).toMatchObject({ status: "open", resolvedBy: null });
    expect(await listTaskApprovers(task.id)).toEqual([]);
    expect(await getUnsentEvent(taskResolvedId(task.id))).toBeUndefined();
    expect(await listPayablesForDocument(task.documentId)).toEqual([]);
    const [refusal] = await refusedAs(task.id, admin.id);
    expect(refusal).toMatchObject({
      actorLabel: admin.email,
      after: { reason: "post:not_recipient", recipientId: approver.id },
    });

    // The link is still its recipient's, and works once for them.
    expect(await confirm(approve ?? "", "", approver)).toEqual({ done: true, message: "Approved. Thank you." });
    expect(await getTaskById(task.id)).toMatchObject({ status: "resolved", resolvedBy: approver.id });
    expect(await confirm(approve ?? "", "", approver)).toMatchObject({
      done: false,
      message: expect.stringContaining("already used") as string,
    });
  });

  it("refuses an approver who approved in the inbox a second approval through another recipient's link", async () => {
    const first = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
    const second = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
    const task = await openTask({ amountMinor: 1_500_000, title: "Approve invoice 15000" });
    expect(await decide(first, task.id, { action: "approve" })).toMatchObject({ ok: true, data: { resolved: false } });
    const { approve } = await issueActionTokens(task.id, second.id, ["approve"], task.deadlineAt);

    expect(await confirm(approve ?? "", "", first)).toMatchObject({
      done: false,
      message: expect.stringContaining(`sent to ${second.name}`) as string,
    });
    expect(await listTaskApprovers(task.id)).toEqual([first.id]);
    expect((await getTaskById(task.id))?.status).toBe("open");
    expect(await refusedAs(task.id, first.id)).toHaveLength(1);

    expect(await confirm(approve ?? "")).toEqual({ done: true, message: "Approved. Thank you." });
    expect(await listTaskApprovers(task.id)).toEqual([first.id, second.id]);
    expect(await getTaskById(task.id)).toMatchObject({
      status: "resolved",
      parameters: { approvers: [first.id, second.id] },
    });
  });

  it("never lets the uploader approve through a link sent to them", async () => {
    const uploader = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
    const task = await openTask({ amountMinor: 50_000, uploadedBy: uploader.id });
    const { approve } = await issueActionTokens(task.id, uploader.id, ["approve"], task.deadlineAt);
    expect(await confirm(approve ?? "")).toEqual({
      done: false,
      message: "You uploaded this document; someone else must approve it.",
    });
    expect(await confirm(approve ?? "", "", uploader)).toEqual({
      done: false,
      message: "You uploaded this document; someone else must approve it.",
    });
    expect(await listTaskApprovers(task.id)).toEqual([]);
  });

  it("counts one approval per person, however many of their links they confirm", async () => {
    const first = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
    const task = await openTask({ amountMinor: 1_500_000 });
    const opened = await issueActionTokens(task.id, first.id, ["approve"], task.deadlineAt);
    const escalated = await issueActionTokens(task.id, first.id, ["approve"], task.deadlineAt);
    expect(await confirm(opened.approve ?? "")).toEqual({
      done: true,
      message: "Approved. A second approver must confirm before it is final.",
    });
    expect(await confirm(escalated.approve ?? "")).toEqual({
      done: false,
      message: "You have approved; a second approver must confirm.",
    });
    expect(await listTaskApprovers(task.id)).toEqual([first.id]);
  });
});

describe("links minted at delivery", () => {
  it("are used up together: the same email sent twice acts from one copy only", async () => {
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
    const task = await openTask({ amountMinor: 20_000 });
    const email = {
      idempotencyKey: `task-open:${task.id}:${approver.id}`,
      documentId: task.documentId,
      to: approver.email,
      subject: "Decision needed",
      body: "…",
    };
    const queue = () =>
      queueEmailWithLinks(email, {
        taskId: task.id,
        recipientId: approver.id,
        actions: ["approve", "reject"],
        expiresAt: task.deadlineAt,
      });
    expect(await queue()).toBe(true);
    expect(await queue()).toBe(false);
    const { id } = await outboxEmail(email.idempotencyKey);
    const firstCopy = await mintEmailLinks(id);
    const secondCopy = await mintEmailLinks(id);
    expect(firstCopy.approve).not.toBe(secondCopy.approve);
    expect((await lookupActionToken(firstCopy.approve ?? "")).state).toBe("valid");

    expect(await confirm(secondCopy.approve ?? "")).toEqual({ done: true, message: "Approved. Thank you." });
    expect((await lookupActionToken(firstCopy.approve ?? "")).state).toBe("used");
    expect(await confirm(firstCopy.approve ?? "")).toMatchObject({
      done: false,
      message: expect.stringContaining("already used") as string,
    });
  });
});

describe("viewing a link", () => {
  it("shows the recipient what it would do, and refuses anyone else and a used link, audited as views, acting on nothing", async () => {
    const task = await openTask({ title: "Approve invoice 7" });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000 });
    const stranger = await makeUser({ role: "approver" });
    const tokens = await issueActionTokens(task.id, approver.id, ["approve"], task.deadlineAt);
    expect(await usableLink(tokens.approve ?? "", null, "view")).toMatchObject({
      ok: true,
      task: { id: task.id, title: "Approve invoice 7" },
      recipient: { id: approver.id },
    });
    expect(await usableLink(tokens.approve ?? "", stranger, "view")).toEqual({
      ok: false,
      message: expect.stringContaining("acts only for them") as string,
    });
    expect((await refusedAs(task.id, stranger.id)).map((e) => e.after)).toEqual([
      { reason: "view:not_recipient", recipientId: approver.id },
    ]);
    expect((await lookupActionToken(tokens.approve ?? "")).state).toBe("valid");

    await confirm(tokens.approve ?? "");
    expect(await usableLink(tokens.approve ?? "", approver, "view")).toEqual({
      ok: false,
      message: expect.stringContaining("already used") as string,
    });
    const reasons = (await listAuditForSubject("task", task.id))
      .filter((e) => e.action === "task_link.refused")
      .map((e) => (e.after as { reason: string }).reason);
    expect(reasons).toContain("view:used");
  });
});
