import { describe, expect, it } from "vitest";
import { correctedFields, documentTimeline, taskAuditActions, taskTimeline } from "./timeline";

// Timelines already written hold these exact sentences, and tests, the e2e suite and people search for them.
describe("the task timeline", () => {
  it("spells an approval's action with spaces and any other resolution as named", () => {
    expect(taskTimeline.approved("ann@keel.test", "edit_and_approve", "Approve invoice INV-7")).toBe(
      "ann@keel.test chose edit and approve: Approve invoice INV-7",
    );
    expect(taskTimeline.resolved("ann@keel.test", "create_vendor", "New vendor")).toBe(
      "ann@keel.test chose create_vendor: New vendor",
    );
    expect(taskTimeline.resolved("ann@keel.test", "reject", "Approve invoice INV-7", "Not our order")).toBe(
      "ann@keel.test chose reject: Approve invoice INV-7 — Not our order",
    );
  });

  it("says what a correction voided, and how many approvals a four-eyes task still waits for", () => {
    const due = { label: "due date", from: "empty", to: "2026-12-31" };
    expect(taskTimeline.corrected("bob@keel.test", [due], false)).toBe(
      "bob@keel.test corrected due date: empty → 2026-12-31",
    );
    expect(taskTimeline.corrected("bob@keel.test", [due, { label: "total", from: "€1.00", to: "€2.00" }], true)).toBe(
      "bob@keel.test corrected due date: empty → 2026-12-31; total: €1.00 → €2.00 (earlier approvals voided)",
    );
    expect(taskTimeline.waitingForSecond("bob@keel.test", 1, 2)).toBe(
      "bob@keel.test approved (1 of 2); waiting for a second approver",
    );
  });

  it("names each corrected field with its value before and after, amounts in the decided currency", () => {
    const changes = [
      { field: "totalMinor", label: "total", proposed: 500_000, decided: 510_000 },
      { field: "dueDate", label: "due date", proposed: null, decided: "2026-12-31" },
      { field: "lines[1].quantity", proposed: 3, decided: 4 },
      { field: "lines[1].unitPriceMinor", label: "line 2 unit price", proposed: 1_250, decided: 1_500 },
      "not a change",
    ];
    expect(correctedFields(changes, "EUR")).toEqual([
      { label: "total", from: "€5,000.00", to: "€5,100.00" },
      { label: "due date", from: "empty", to: "2026-12-31" },
      { label: "lines[1].quantity", from: "3", to: "4" },
      { label: "line 2 unit price", from: "€12.50", to: "€15.00" },
      { label: "a field", from: "empty", to: "empty" },
    ]);
    expect(correctedFields([{ field: "totalMinor", label: "total", proposed: 1, decided: 2 }], null)).toEqual([
      { label: "total", from: "1", to: "2" },
    ]);
  });

  it("names the deadline ladder's rungs with the emails sent and the deadline", () => {
    expect(taskTimeline.reminded(3, "2 Mar 2026, 10:00 UTC")).toBe(
      "Reminder sent (3 email(s)); due 2 Mar 2026, 10:00 UTC",
    );
    expect(taskTimeline.escalated("approver", 1, "2 Mar 2026, 10:00 UTC")).toBe(
      "Escalated to approvers (1 email(s)); due 2 Mar 2026, 10:00 UTC",
    );
  });

  it("names audit actions after the task and what happened to it", () => {
    expect(taskAuditActions.decided("reject")).toBe("task.reject");
    expect(taskAuditActions.assigned("released")).toBe("task.released");
  });
});

describe("the document timeline", () => {
  it("says where a checked document goes", () => {
    const risk = { level: "low", score: 12 };
    expect(documentTimeline.checked({ kind: "auto_post" }, risk, 0)).toBe(
      "Checks passed: risk low (12); will post without review",
    );
    expect(documentTimeline.checked({ kind: "auto_post" }, risk, 1)).toBe("Nothing else needs a person; will post");
    expect(
      documentTimeline.checked({ kind: "task", taskType: "APPROVE_SPEND", reasons: [], deadlineHours: 24 }, risk, 0),
    ).toBe("Needs a person: Approve spend — see findings");
  });

  it("lists what posting did, or that there was nothing to record", () => {
    expect(
      documentTimeline.posted([
        { effect: "create_payable", outcome: "already_applied" },
        { effect: "queue_email", outcome: "applied" },
      ]),
    ).toBe("Posted: create_payable (already applied), queue_email (applied)");
    expect(documentTimeline.posted([])).toBe("Posted: nothing to record for this kind of document");
  });

  it("says why a document ends unposted", () => {
    expect(documentTimeline.notPosted({ outcome: "expired", action: "expire" })).toBe(
      "Deadline passed without a decision: not posted",
    );
    expect(documentTimeline.notPosted({ outcome: "rejected", action: null })).toBe("Rejected (reject): not posted");
    expect(documentTimeline.fieldsExtracted("anthropic", "fields-v3")).toBe(
      "Fields extracted by anthropic (fields-v3)",
    );
    expect(documentTimeline.fieldsExtracted("deterministic", null)).toBe("Fields extracted by deterministic");
  });
});
