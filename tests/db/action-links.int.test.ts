import { describe, expect, it } from "vitest";
import { confirmLinkAction } from "@/app/t/[token]/actions";
import { issueActionTokens, lookupActionToken } from "@/db/queries/action-tokens";
import { listAuditForSubject } from "@/db/queries/audit";
import { getTaskById } from "@/db/queries/tasks";
import { openTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const confirm = (token: string, reason = "") => {
  const form = new FormData();
  form.set("token", token);
  form.set("reason", reason);
  return confirmLinkAction({ done: null }, form);
};

describe("email action links", () => {
  it("act once, as their recipient, and then say they were used", async () => {
    const task = await openTask({ title: "Approve invoice 7" });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000 });
    const tokens = await issueActionTokens(task.id, approver.id, ["approve", "reject"], task.deadlineAt);
    expect((await lookupActionToken(tokens.approve ?? "")).state).toBe("valid");

    expect(await confirm(tokens.approve ?? "")).toEqual({ done: true, message: "Approved. Thank you." });
    expect(await getTaskById(task.id)).toMatchObject({ status: "resolved", action: "approve", resolvedBy: approver.id });
    expect(await confirm(tokens.approve ?? "")).toEqual({ done: false, message: expect.stringContaining("already used") as string });
    // The other action's link now meets a decided task: it changes nothing.
    expect(await confirm(tokens.reject ?? "", "too late")).toMatchObject({ done: false, message: expect.stringContaining("already decided") as string });
  });

  it("refuse tampered and expired tokens, and audit it", async () => {
    const task = await openTask({ title: "Approve invoice 7" });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000 });
    const [expired] = Object.values(await issueActionTokens(task.id, approver.id, ["approve"], new Date(Date.now() - 1000)));
    expect(await confirm(expired ?? "")).toEqual({ done: false, message: expect.stringContaining("expired") as string });
    const tampered = `${(expired ?? "").slice(0, -2)}xx`;
    expect(await confirm(tampered)).toEqual({ done: false, message: expect.stringContaining("not valid") as string });
    expect((await getTaskById(task.id))?.status).toBe("open");
    expect((await listAuditForSubject("task", task.id)).map((e) => e.action)).toContain("task_link.refused");
  });

  it("apply the same policy as the inbox: a recipient over their limit changes nothing", async () => {
    const task = await openTask({ amountMinor: 5_000_000, title: "Approve invoice 7" });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000 });
    const tokens = await issueActionTokens(task.id, approver.id, ["approve"], task.deadlineAt);
    expect(await confirm(tokens.approve ?? "")).toEqual({ done: false, message: "€50,000.00 is over your approval limit of €1,000.00." });
    expect((await getTaskById(task.id))?.status).toBe("open");
    expect((await lookupActionToken(tokens.approve ?? "")).state).toBe("valid");
  });

  it("ask for a reason before rejecting", async () => {
    const task = await openTask({ title: "Approve invoice 7" });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000 });
    const tokens = await issueActionTokens(task.id, approver.id, ["reject"], task.deadlineAt);
    expect(await confirm(tokens.reject ?? "")).toMatchObject({ done: false, reasonError: expect.any(String) as string });
    expect(await confirm(tokens.reject ?? "", "Wrong vendor")).toEqual({ done: true, message: "Rejected. Thank you." });
    expect(await getTaskById(task.id)).toMatchObject({ action: "reject", parameters: { reason: "Wrong vendor" } });
  });
});
