import { describe, expect, it } from "vitest";
import type { Extraction } from "../documents/types";
import {
  approval,
  assignment,
  closedReason,
  editorOf,
  escalation,
  expiry,
  isVisibleTo,
  opening,
  otherHolder,
  resolution,
  vendorQuestion,
  type ApprovalRequest,
  type LockedTask,
  type TaskEdit,
} from "./lifecycle";

const now = new Date("2026-03-02T10:00:00Z");
const task: LockedTask = {
  id: "t-1",
  documentId: "d-1",
  status: "open",
  title: "Approve invoice INV-7 from ACME (€12,400.00)",
  proposed: { fields: null },
  assignedRole: "approver",
  assigneeId: null,
  amountMinor: 1_240_000,
  currency: "EUR",
};
const ann = { id: "u-ann", label: "ann@keel.test" };
const bob = { id: "u-bob", label: "bob@keel.test" };
const closedStatuses = ["resolved", "expired", "cancelled"] as const;
const record = { action: "approve", parameters: { extractionId: "x-1" }, decided: { totalMinor: 1_240_000 } };
const request = (over: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  actor: ann,
  required: 1,
  seenExtractionId: "x-1",
  record,
  ...over,
});
const fresh = { latest: { id: "x-1", provider: "anthropic" }, approvedBy: [] };
const edit: TaskEdit = {
  extraction: {} as Extraction,
  changes: [{ field: "totalMinor", label: "total", proposed: 1_240_000, decided: 1_300_000 }],
  title: "Approve invoice INV-7 from ACME (€13,000.00)",
  amountMinor: 1_300_000,
  currency: "EUR",
};

describe("who sees and works a task", () => {
  it("shows a task to its role, its holder and every admin, and no one else", () => {
    expect(isVisibleTo(task, { id: "u-x", role: "approver" })).toBe(true);
    expect(isVisibleTo(task, { id: "u-x", role: "admin" })).toBe(true);
    expect(isVisibleTo(task, { id: "u-x", role: "operator" })).toBe(false);
    expect(isVisibleTo({ ...task, assigneeId: "u-x" }, { id: "u-x", role: "operator" })).toBe(true);
  });

  it("keeps a claimed task from everyone but its holder and admins", () => {
    const held = { ...task, assigneeId: bob.id };
    expect(otherHolder(held, { id: ann.id, role: "approver" })).toBe(bob.id);
    expect(otherHolder(held, { id: bob.id, role: "approver" })).toBeNull();
    expect(otherHolder(held, { id: ann.id, role: "admin" })).toBeNull();
    expect(otherHolder(task, { id: ann.id, role: "approver" })).toBeNull();
  });

  it("names the person who corrected the fields last, and nobody for a model's reading", () => {
    expect(editorOf("person:ann@keel.test")).toBe("ann@keel.test");
    expect(editorOf("anthropic")).toBeNull();
  });
});

describe("opening", () => {
  it("records the opening in the audit log as the pipeline, and once in the timeline", () => {
    const opened = opening({ ...task, type: "APPROVE_SPEND", reasons: ["over-threshold"] });
    expect(opened.audit).toEqual([
      {
        actor: { id: null, label: "pipeline" },
        action: "task.opened",
        subjectType: "task",
        subjectId: "t-1",
        correlationId: "d-1",
        after: { type: "APPROVE_SPEND", reasons: ["over-threshold"] },
      },
    ]);
    expect(opened.timeline).toEqual([
      {
        documentId: "d-1",
        kind: "task_opened",
        label: `Task opened: ${task.title}`,
        data: { taskId: "t-1", type: "APPROVE_SPEND" },
        dedupeKey: "task:t-1",
      },
    ]);
  });
});

describe("expiry", () => {
  it("expires an open task with the safe default's reason, audited as the deadline", () => {
    const change = expiry(task, "No decision before the deadline", now);
    expect(change).toMatchObject({
      ok: true,
      set: {
        status: "expired",
        resolvedAt: now,
        action: "expire",
        parameters: { reason: "No decision before the deadline" },
      },
      timeline: [],
    });
    expect(change.ok && change.audit).toEqual([
      {
        actor: { id: null, label: "deadline" },
        action: "task.expired",
        subjectType: "task",
        subjectId: "t-1",
        correlationId: "d-1",
        after: { reason: "No decision before the deadline" },
      },
    ]);
  });

  it.each(closedStatuses)("changes nothing on a task already %s", (status) => {
    expect(expiry({ ...task, status }, "late", now)).toEqual({ ok: false, reason: "not_open" });
  });
});

describe("resolution", () => {
  it("resolves an open task once, with who, the action and its parameters, audit and timeline", () => {
    const change = resolution(task, { actor: bob, action: "create_vendor", parameters: { vendorId: "v-1" } }, now);
    expect(change).toMatchObject({
      ok: true,
      set: {
        status: "resolved",
        resolvedAt: now,
        resolvedBy: bob.id,
        action: "create_vendor",
        parameters: { vendorId: "v-1" },
        decided: null,
      },
      audit: [
        {
          actor: bob,
          action: "task.create_vendor",
          before: { status: "open" },
          after: { status: "resolved", action: "create_vendor", parameters: { vendorId: "v-1" } },
        },
      ],
      timeline: [
        { kind: "decision", label: `bob@keel.test chose create_vendor: ${task.title}`, dedupeKey: "decision:t-1" },
      ],
    });
  });

  it("puts a rejection's reason on the document's timeline", () => {
    const change = resolution(task, { actor: bob, action: "reject", parameters: { reason: "Not our order" } }, now);
    expect(change.ok && change.timeline.map((e) => e.label)).toEqual([
      `bob@keel.test chose reject: ${task.title} — Not our order`,
    ]);
  });

  it.each([
    ["resolved", "already_resolved"],
    ["expired", "expired"],
    ["cancelled", "cancelled"],
  ] as const)("tells whoever comes second that the task is %s", (status, reason) => {
    expect(resolution({ ...task, status }, { actor: bob, action: "reject", parameters: {} }, now)).toEqual({
      ok: false,
      reason,
    });
    expect(closedReason(status)).toBe(reason);
  });
});

describe("assignment", () => {
  it("claims an unclaimed task, releases it, and hands it over, each audited with the holder before and after", () => {
    expect(assignment(task, { actor: ann, to: ann.id })).toMatchObject({
      ok: true,
      set: { assigneeId: ann.id },
      audit: [{ action: "task.claimed", before: { assigneeId: null }, after: { assigneeId: ann.id } }],
      timeline: [{ kind: "assignment", label: "ann@keel.test: claimed" }],
    });
    expect(assignment({ ...task, assigneeId: ann.id }, { actor: ann, to: null })).toMatchObject({
      ok: true,
      set: { assigneeId: null },
      audit: [{ action: "task.released" }],
      timeline: [{ label: "ann@keel.test: released" }],
    });
    expect(assignment({ ...task, assigneeId: ann.id }, { actor: bob, to: ann.id, force: true })).toMatchObject({
      ok: true,
      audit: [{ action: "task.reassigned" }],
      timeline: [{ label: "bob@keel.test: reassigned" }],
    });
  });

  it("refuses a claim on a task someone else holds, unless forced, and any change to a closed task", () => {
    const held = { ...task, assigneeId: ann.id };
    expect(assignment(held, { actor: bob, to: bob.id })).toEqual({ ok: false, reason: "claimed_by_other" });
    expect(assignment(held, { actor: bob, to: bob.id, force: true })).toMatchObject({
      ok: true,
      set: { assigneeId: bob.id },
    });
    expect(assignment({ ...task, status: "resolved" }, { actor: ann, to: ann.id, force: true })).toEqual({
      ok: false,
      reason: "not_open",
    });
  });
});

describe("escalation", () => {
  it("widens an open task to the new role and releases its claim, audited as the deadline", () => {
    expect(escalation({ ...task, assigneeId: ann.id }, "admin")).toMatchObject({
      ok: true,
      set: { assignedRole: "admin", assigneeId: null },
      audit: [
        {
          actor: { id: null, label: "deadline" },
          action: "task.escalated",
          before: { assignedRole: "approver", assigneeId: ann.id },
          after: { assignedRole: "admin" },
        },
      ],
      timeline: [],
    });
  });

  it("changes nothing on a task already with that role, or no longer open", () => {
    expect(escalation(task, "approver")).toEqual({ ok: false, reason: "already_there" });
    expect(escalation({ ...task, status: "expired" }, "admin")).toEqual({ ok: false, reason: "not_open" });
  });
});

describe("approval", () => {
  it("resolves at once when one approval is required, listing the approver on the decision", () => {
    const change = approval(task, request(), fresh, now);
    expect(change).toMatchObject({
      ok: true,
      resolved: true,
      approves: true,
      approvers: [ann.id],
      voided: [],
      set: {
        status: "resolved",
        resolvedAt: now,
        resolvedBy: ann.id,
        action: "approve",
        parameters: { extractionId: "x-1", approvers: [ann.id] },
        decided: record.decided,
      },
    });
    expect(change.ok && change.audit.map((a) => a.action)).toEqual(["task.approval_given", "task.approve"]);
    expect(change.ok && change.audit[1]).toMatchObject({ before: { status: "open", proposed: task.proposed } });
    expect(change.ok && change.timeline).toEqual([
      {
        documentId: "d-1",
        kind: "decision",
        label: `ann@keel.test chose approve: ${task.title}`,
        data: { taskId: "t-1", parameters: { extractionId: "x-1", approvers: [ann.id] } },
        dedupeKey: "decision:t-1",
      },
    ]);
  });

  it("waits for a second, different approver above the four-eyes threshold", () => {
    const first = approval(task, request({ required: 2, approval: { conversion: "EUR→EUR" } }), fresh, now);
    expect(first).toMatchObject({ ok: true, resolved: false, approves: true, approvers: [ann.id], set: {} });
    expect(first.ok && first.audit).toMatchObject([
      { action: "task.approval_given", after: { approvals: 1, required: 2, conversion: "EUR→EUR" } },
    ]);
    expect(first.ok && first.timeline).toEqual([
      {
        documentId: "d-1",
        kind: "decision",
        label: "ann@keel.test approved (1 of 2); waiting for a second approver",
        dedupeKey: "approval:t-1:u-ann:x-1",
      },
    ]);
    expect(approval(task, request({ required: 2 }), { ...fresh, approvedBy: [ann.id] }, now)).toEqual({
      ok: false,
      reason: "already_approved_by_you",
    });
    expect(approval(task, request({ actor: bob, required: 2 }), { ...fresh, approvedBy: [ann.id] }, now)).toMatchObject(
      {
        ok: true,
        resolved: true,
        approvers: [ann.id, bob.id],
        set: { status: "resolved", resolvedBy: bob.id },
      },
    );
  });

  it("refuses an approval given to fields that changed since, naming who changed them", () => {
    const corrected = { ...fresh, latest: { id: "x-2", provider: "person:bob@keel.test" } };
    expect(approval(task, request(), corrected, now)).toEqual({
      ok: false,
      reason: "stale",
      editedBy: "bob@keel.test",
    });
    expect(approval(task, request({ seenExtractionId: null }), corrected, now)).toMatchObject({
      ok: true,
      resolved: true,
    });
  });

  it.each([
    ["resolved", "already_resolved"],
    ["expired", "expired"],
    ["cancelled", "cancelled"],
  ] as const)("refuses an approval on a task already %s", (status, reason) => {
    expect(approval({ ...task, status }, request(), fresh, now)).toEqual({ ok: false, reason });
  });

  it("voids everyone else's approvals when the approver corrects the fields, and takes the corrected title", () => {
    const change = approval(
      task,
      request({ actor: bob, required: 2, edit }),
      { ...fresh, approvedBy: [ann.id, bob.id] },
      now,
    );
    expect(change).toMatchObject({
      ok: true,
      voided: [ann.id],
      approves: false,
      approvers: [bob.id],
      resolved: false,
      set: { title: edit.title, amountMinor: 1_300_000, currency: "EUR" },
    });
    expect(change.ok && change.audit[0]).toMatchObject({
      action: "task.fields_edited",
      before: { amountMinor: 1_240_000, currency: "EUR" },
      after: { changes: edit.changes, voidedApprovals: [ann.id] },
    });
    expect(change.ok && change.timeline.map((e) => e.label)).toEqual([
      "bob@keel.test corrected total: €12,400.00 → €13,000.00 (earlier approvals voided)",
      "bob@keel.test approved (1 of 2); waiting for a second approver",
    ]);
    const resolved = approval(
      task,
      request({ actor: bob, edit, record: { ...record, action: "edit_and_approve" } }),
      fresh,
      now,
    );
    expect(resolved.ok && resolved.timeline.map((e) => e.label)).toEqual([
      "bob@keel.test corrected total: €12,400.00 → €13,000.00",
      `bob@keel.test chose edit and approve: ${edit.title}`,
    ]);
  });

  it("saves a correction without approving, voiding every approval including the editor's", () => {
    const change = approval(
      task,
      request({ actor: bob, required: 2, edit, saveOnly: true }),
      { ...fresh, approvedBy: [ann.id, bob.id] },
      now,
    );
    expect(change).toMatchObject({
      ok: true,
      resolved: false,
      approves: false,
      voided: [ann.id, bob.id],
      approvers: [],
    });
    expect(change.ok && change.audit.map((a) => a.action)).toEqual(["task.fields_edited"]);
  });
});

describe("asking the vendor", () => {
  const query = { to: "billing@acme.example", subject: "INV-7", body: "The total does not add up." };

  it("records the question on an open task and leaves it open", () => {
    expect(vendorQuestion(task, ann, query)).toEqual({
      ok: true,
      set: {},
      audit: [
        {
          actor: ann,
          action: "task.vendor_asked",
          subjectType: "task",
          subjectId: "t-1",
          correlationId: "d-1",
          after: { to: query.to, subject: "INV-7" },
        },
      ],
      timeline: [
        {
          documentId: "d-1",
          kind: "vendor_query",
          label: "ann@keel.test asked the vendor (billing@acme.example): INV-7",
          data: { taskId: "t-1" },
        },
      ],
    });
  });

  it("has nothing to ask once the task is closed", () => {
    expect(vendorQuestion({ ...task, status: "resolved" }, ann, query)).toEqual({ ok: false, reason: "not_open" });
  });
});
