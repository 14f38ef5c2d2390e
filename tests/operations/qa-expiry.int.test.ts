import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/index";
import { listAuditForSubject } from "@/db/queries/audit";
import { getDocumentById } from "@/db/queries/documents";
import { getTaskById } from "@/db/queries/tasks";
import { documents, eventOutbox } from "@/db/schema";
import { expireOverdueQaReviews } from "@/services/operations/qa-expiry";
import { makeTask } from "../factories/tasks";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

describe("QA reviews past their week", () => {
  it("expire with their reason, leave the document posted and wake nothing; open ones in time and other types stay", async () => {
    const now = new Date();
    const past = new Date(now.getTime() - 60_000);
    const overdue = await makeTask({ type: "QA_REVIEW", deadlineAt: past });
    await db().update(documents).set({ status: "posted" }).where(eq(documents.id, overdue.documentId));
    const inTime = await makeTask({ type: "QA_REVIEW", deadlineAt: new Date(now.getTime() + 3_600_000) });
    const otherType = await makeTask({ type: "APPROVE_SPEND", deadlineAt: past });
    const outboxBefore = await db().select().from(eventOutbox);

    expect(await expireOverdueQaReviews(now)).toEqual({ expired: 1 });

    expect(await getTaskById(overdue.id)).toMatchObject({
      status: "expired",
      action: "expire",
      parameters: { reason: "Nobody reviewed this sample within its week; the document stays posted as it was." },
    });
    expect((await listAuditForSubject("task", overdue.id)).map((e) => e.action)).toContain("task.expired");
    expect((await getDocumentById(overdue.documentId))?.status).toBe("posted");
    expect((await getTaskById(inTime.id))?.status).toBe("open");
    // A routed task's deadline is its run's to apply, never this sweep's.
    expect((await getTaskById(otherType.id))?.status).toBe("open");
    expect(await db().select().from(eventOutbox)).toEqual(outboxBefore);

    // A second sweep finds nothing left to do.
    expect(await expireOverdueQaReviews(now)).toEqual({ expired: 0 });
  });
});
