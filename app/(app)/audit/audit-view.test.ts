import { describe, expect, it } from "vitest";
import { changeSummary, correlationHref, subjectHref } from "./audit-view";
import { auditQuery, parseAuditParams } from "./audit-params";

const id = "0b7f1c52-8d0e-4c1e-9f5e-2a1b3c4d5e6f";

describe("the Audit page's links", () => {
  it("links a task and a document to their pages, other subjects to their lists, and nothing it cannot open", () => {
    expect(subjectHref("task", id)).toBe(`/inbox/${id}`);
    expect(subjectHref("document", id)).toBe(`/documents/${id}`);
    expect(subjectHref("user", id)).toBe("/settings/users");
    expect(subjectHref("task", "unknown")).toBeNull();
    expect(subjectHref("sign_in", "ann@keel.test")).toBeNull();
    expect(correlationHref("task", id)).toBe(`/documents/${id}`);
    expect(correlationHref("user", id)).toBeNull();
  });
});

describe("an entry's change in one line", () => {
  it("pairs each value before with the one after, and shows what was only set", () => {
    expect(changeSummary({ status: "open" }, { status: "resolved", action: "reject" })).toBe(
      "status: open → resolved; action: reject",
    );
    expect(changeSummary(null, { reason: { code: 1 } })).toBe('reason: {"code":1}');
    expect(changeSummary(null, null)).toBe("");
  });

  it("cuts a long change short", () => {
    const summary = changeSummary(null, { body: "x".repeat(500) });
    expect(summary).toHaveLength(160);
    expect(summary.endsWith("…")).toBe(true);
  });
});

describe("the Audit page's filters", () => {
  it("reads each filter, making the last day inclusive", () => {
    const parsed = parseAuditParams({
      actor: "ann@",
      action: "task.*",
      subject: "task",
      id,
      correlation: id,
      from: "2026-03-01",
      to: "2026-03-31",
      after: "42",
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.after).toBe(42);
    expect(parsed.filter).toEqual({
      actor: "ann@",
      action: "task.*",
      subjectType: "task",
      subjectId: id,
      correlationId: id,
      from: new Date("2026-03-01T00:00:00Z"),
      to: new Date("2026-04-01T00:00:00Z"),
    });
  });

  it("reports each filter it cannot read and leaves it out", () => {
    const parsed = parseAuditParams({ action: "task.reject; drop", from: "2026-02-31", to: "2026-03-01", after: "x" });
    expect(parsed.problems).toEqual([
      "Type an action as it is logged, such as task.reject, or a prefix ending in *, such as task.*.",
      "Give the first day as a date, such as 2026-03-01.",
      "That page link is no longer valid; showing the first page.",
    ]);
    expect(parsed.filter).toMatchObject({ action: undefined, from: undefined, to: new Date("2026-03-02T00:00:00Z") });
    expect(parsed.after).toBeUndefined();
  });

  it("keeps the filters in the next page's link", () => {
    expect(auditQuery({ action: "task.reject", actor: "ann" }, { after: "7" })).toBe(
      "?action=task.reject&actor=ann&after=7",
    );
    expect(auditQuery({})).toBe("");
  });
});
