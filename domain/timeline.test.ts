import { describe, expect, it } from "vitest";
import { documentTimeline, taskAuditActions, taskTimeline } from "./timeline";

// Timelines already written hold these exact sentences, and tests, the e2e suite and people search for them.
describe("the task timeline", () => {
  it("spells an approval's action with spaces and any other resolution as named", () => {
    expect(taskTimeline.approved("ann@keel.test", "edit_and_approve", "Approve invoice INV-7")).toBe(
      "ann@keel.test chose edit and approve: Approve invoice INV-7",
    );
    expect(taskTimeline.resolved("ann@keel.test", "create_vendor", "New vendor")).toBe(
      "ann@keel.test chose create_vendor: New vendor",
    );
  });

  it("says what a correction voided, and how many approvals a four-eyes task still waits for", () => {
    expect(taskTimeline.corrected("bob@keel.test", 2, false)).toBe("bob@keel.test corrected 2 field(s)");
    expect(taskTimeline.corrected("bob@keel.test", 1, true)).toBe(
      "bob@keel.test corrected 1 field(s); earlier approvals voided",
    );
    expect(taskTimeline.waitingForSecond("bob@keel.test", 1, 2)).toBe(
      "bob@keel.test approved (1 of 2); waiting for a second approver",
    );
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
    ).toBe("Needs a person: APPROVE_SPEND — see findings");
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
