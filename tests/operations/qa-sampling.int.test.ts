import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { getDocumentById, getLatestExtraction, listDocumentEvents } from "@/db/queries/documents";
import { listPayablesForDocument } from "@/db/queries/ledger";
import { updateOperatingSettings } from "@/db/queries/operating-settings";
import { getTaskById, listTasksForDocument } from "@/db/queries/tasks";
import { createVendor } from "@/db/queries/vendors";
import type { Document } from "@/db/schema";
import { defaultOperatingSettings } from "@/domain/operations/settings";
import { toDecimalString } from "@/domain/money";
import { until } from "../engine/helpers";
import { invoiceNumber, invoiceText, seller } from "../factories/us-invoice";
import { makeUser } from "../factories/users";
import { withPipeline } from "../pipeline/harness";

const pipeline = withPipeline();
const system = { id: null, label: "test" };

// Imported once the harness has pointed the Inngest client at the test engine.
const decide: (typeof import("@/services/tasks/decide"))["decide"] = async (...args) =>
  (await import("@/services/tasks/decide")).decide(...args);

const sampleAt = (qaSampleRate: number) =>
  updateOperatingSettings({ ...defaultOperatingSettings, qaSampleRate }, system);

/** A clean invoice from a vendor on file: the pipeline posts it without a person. */
async function autoPosted(): Promise<{ document: Document; runId: string }> {
  const from = seller();
  const vendor = await createVendor(
    { name: from.name, taxId: from.ein, currency: "USD", accountNumber: from.account, sortCode: from.routing },
    system,
  );
  if (!vendor.ok) throw new Error("vendor not created");
  const { receiveDocument } = await import("@/services/documents/receive");
  const { document } = await receiveDocument({
    bytes: new TextEncoder().encode(invoiceText(from, { number: invoiceNumber("QA"), bank: false })),
    filename: `qa-${randomBytes(3).toString("hex")}.txt`,
    source: "upload",
    actor: system,
    uploadedBy: null,
  });
  // The run's end, not the document's status: the QA step comes after posting, so a finished run has taken it.
  const run = await until(
    "the document's run to finish",
    async () => {
      const [row] = await pipeline().engine.sql<{ id: string; status: string }[]>`
        select id, status from runs
        where function_id like '%process-document' and event->'data'->>'documentId' = ${document.id}`;
      return row && row.status !== "Running" ? row : undefined;
    },
    90_000,
  );
  expect(run.status).toBe("Completed");
  const posted = await getDocumentById(document.id);
  if (!posted) throw new Error("document vanished");
  expect(posted.route).toEqual({ kind: "auto_post" });
  expect(posted.status).toBe("posted");
  return { document: posted, runId: run.id };
}

describe("QA sampling of auto-posted documents, through the real pipeline", () => {
  it("opens exactly one QA review at a share of 100 %, after the posting, which it leaves as it was", async () => {
    await sampleAt(1);
    const { document } = await autoPosted();
    const tasks = await listTasksForDocument(document.id);
    expect(tasks.map((t) => [t.type, t.status, t.assignedRole])).toEqual([["QA_REVIEW", "open", "approver"]]);
    const [task] = tasks;
    if (!task) throw new Error("no QA review");
    expect(task.reasons).toEqual([
      "Sampled for QA: 100 % of documents posted without a person get a second look. Nothing waits on it and the posting stands.",
    ]);
    // A week to look, at the test's deadline scale of 1.
    const week = task.deadlineAt.getTime() - task.createdAt.getTime();
    expect(week).toBeGreaterThan(168 * 3_600_000 - 60_000);
    expect(week).toBeLessThan(168 * 3_600_000 + 60_000);

    const extraction = await getLatestExtraction(document.id);
    expect(task.proposed).toMatchObject({ extractionId: extraction?.id });
    const payables = await listPayablesForDocument(document.id);
    expect(payables).toEqual([
      expect.objectContaining({ totalMinor: extraction?.extraction.fields.totalMinor.value, currency: "USD" }),
    ]);
    const labels = (await listDocumentEvents(document.id)).map((e) => e.label);
    const posted = labels.findIndex((l) => l.startsWith("Posted: create_payable"));
    const opened = labels.findIndex((l) => l.startsWith("Task opened: QA review"));
    expect(posted).toBeGreaterThanOrEqual(0);
    expect(opened).toBeGreaterThan(posted);
  }, 120_000);

  it("opens none at a share of 0 %", async () => {
    await sampleAt(0);
    const { document } = await autoPosted();
    expect(await listTasksForDocument(document.id)).toEqual([]);
    expect(await listPayablesForDocument(document.id)).toHaveLength(1);
  }, 120_000);

  it("records reported errors as corrections for the monitor and leaves the posted payable as it was", async () => {
    await sampleAt(1);
    const { document } = await autoPosted();
    const [task] = await listTasksForDocument(document.id);
    if (!task) throw new Error("no QA review");
    const before = await listPayablesForDocument(document.id);
    const extraction = await getLatestExtraction(document.id);
    if (!extraction) throw new Error("no extraction");
    const total = extraction.extraction.fields.totalMinor.value ?? 0;
    const corrected = toDecimalString({ minor: total + 100, currency: "USD" });
    const approver = await makeUser({ role: "approver" });

    // The run's actions are not a QA review's: approving is refused with what to do instead.
    expect(await decide(approver, task.id, { action: "approve" })).toMatchObject({ ok: false, code: "forbidden:task" });
    // An operator does not see approvers' QA reviews at all.
    const operator = await makeUser({ role: "operator" });
    expect(await decide(operator, task.id, { action: "confirm" })).toMatchObject({ ok: false, code: "not_found:task" });
    // Reporting errors with nothing corrected is refused.
    expect(
      await decide(approver, task.id, { action: "report_errors", extractionId: extraction.id, edits: {} }),
    ).toMatchObject({ ok: false, code: "invalid:fields" });

    const result = await decide(approver, task.id, {
      action: "report_errors",
      extractionId: extraction.id,
      edits: { totalMinor: corrected },
    });
    expect(result).toEqual({ ok: true, data: { resolved: true, documentId: document.id, ticketId: null } });

    const decided = await getTaskById(task.id);
    expect(decided).toMatchObject({ status: "resolved", action: "report_errors", resolvedBy: approver.id });
    expect(decided?.decided).toMatchObject({ totalMinor: total + 100 });
    expect(decided?.parameters).toMatchObject({
      changes: [expect.objectContaining({ field: "totalMinor", proposed: total, decided: total + 100 })],
    });
    const audit = await listAuditForSubject("task", task.id);
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(["task.report_errors", "task.fields_edited"]));
    expect(audit.find((e) => e.action === "task.fields_edited")).toMatchObject({
      actorId: approver.id,
      correlationId: document.id,
      after: { changes: [expect.objectContaining({ field: "totalMinor" })] },
    });

    // The posting stands: same payable, same extraction, still posted.
    expect(await listPayablesForDocument(document.id)).toEqual(before);
    expect((await getLatestExtraction(document.id))?.id).toBe(extraction.id);
    expect((await getDocumentById(document.id))?.status).toBe("posted");
    // A second decision finds it decided.
    expect(await decide(approver, task.id, { action: "confirm" })).toMatchObject({ ok: false, code: "conflict:task" });
  }, 120_000);

  it("records a confirmation without touching the posting", async () => {
    await sampleAt(1);
    const { document } = await autoPosted();
    const [task] = await listTasksForDocument(document.id);
    if (!task) throw new Error("no QA review");
    const admin = await makeUser({ role: "admin" });
    expect(await decide(admin, task.id, { action: "confirm" })).toMatchObject({ ok: true });
    expect(await getTaskById(task.id)).toMatchObject({ status: "resolved", action: "confirm" });
    expect((await listAuditForSubject("task", task.id)).map((e) => e.action)).not.toContain("task.fields_edited");
    expect(await listPayablesForDocument(document.id)).toHaveLength(1);
  }, 120_000);
});
