import { describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { listDocumentEvents } from "@/db/queries/documents";
import { getTaskById, listVendorQueries, resolveTask } from "@/db/queries/tasks";
import { askVendor } from "@/services/tasks/ask-vendor";
import { decide } from "@/services/tasks/decide";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const query = {
  to: "billing@acme.example",
  subject: "Question about your invoice INV-7",
  body: "Dear ACME,\n\nthe total does not add up. Could you send a corrected invoice?",
};

describe("asking the vendor", () => {
  it("queues the question once, audits it, and leaves the task open", async () => {
    const task = await makeTask({ type: "APPROVE_SPEND" });
    const approver = await makeUser({ role: "approver" });
    expect(await askVendor(approver, task.id, query)).toMatchObject({ ok: true, data: { queued: true } });
    expect(await askVendor(approver, task.id, query)).toMatchObject({ ok: true, data: { queued: false } });
    expect(await askVendor(approver, task.id, { ...query, body: `${query.body}\n\nThanks.` })).toMatchObject({
      ok: true,
      data: { queued: true },
    });

    const sent = await listVendorQueries(task.id);
    expect(sent).toHaveLength(2);
    expect(sent.every((q) => q.to === query.to && q.status === "queued" && q.documentId === task.documentId)).toBe(
      true,
    );
    expect((await getTaskById(task.id))?.status).toBe("open");
    expect((await listAuditForSubject("task", task.id)).filter((a) => a.action === "task.vendor_asked")).toHaveLength(
      2,
    );
    expect((await listDocumentEvents(task.documentId)).map((e) => e.label)).toContain(
      `${approver.email} asked the vendor (${query.to}): ${query.subject}`,
    );
  });

  it("is for those who may decide the task, and only while it is open", async () => {
    const task = await makeTask({ type: "APPROVE_SPEND" });
    const operator = await makeUser({ role: "operator" });
    expect(await askVendor(operator, task.id, query)).toMatchObject({ ok: false, code: "not_found:task" });
    const admin = await makeUser({ role: "admin" });
    await resolveTask({
      taskId: task.id,
      actor: { id: admin.id, label: admin.email },
      action: "reject",
      parameters: { reason: "no" },
    });
    expect(await askVendor(admin, task.id, query)).toMatchObject({ ok: false, code: "conflict:task" });
    expect(await listVendorQueries(task.id)).toEqual([]);
  });

  it("is not offered on a bank detail change, nor are corrections: those are confirmed by phone", async () => {
    const task = await makeTask({ type: "CONFIRM_BANK_CHANGE", assignedRole: "admin" });
    const admin = await makeUser({ role: "admin" });
    expect(await askVendor(admin, task.id, query)).toMatchObject({
      ok: false,
      code: "forbidden:task",
      message: expect.stringContaining("by phone") as string,
    });
    expect(
      await decide(admin, task.id, {
        action: "edit_and_approve",
        extractionId: "6f1c2b1e-8a4b-4c39-9d7e-0a1b2c3d4e5f",
        edits: {},
      }),
    ).toMatchObject({ ok: false, code: "forbidden:task" });
    expect(await listVendorQueries(task.id)).toEqual([]);
  });
});
