import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { getDocumentById, listDocumentEvents } from "@/db/queries/documents";
import { listOutboxEmails, listPayablesForDocument } from "@/db/queries/ledger";
import { listTasksForDocument } from "@/db/queries/tasks";
import { createVendor } from "@/db/queries/vendors";
import { resetEnv } from "@/lib/env";
import { until } from "../engine/helpers";
import { makeUser } from "../factories/users";
import { withPipeline } from "./harness";

const pipeline = withPipeline();

// A 24-hour review deadline becomes 8.6 seconds: the reminder comes at half, the escalation at three quarters.
beforeAll(() => {
  process.env.KEEL_DEADLINE_SCALE = "0.0001";
  resetEnv();
});
afterAll(() => {
  delete process.env.KEEL_DEADLINE_SCALE;
  resetEnv();
});

describe("a task nobody decides", () => {
  it("reminds, escalates to the next role, then expires to the safe default: nothing is posted", async () => {
    pipeline();
    const operator = await makeUser({ role: "operator" });
    const approver = await makeUser({ role: "approver" });
    await createVendor(
      { name: "Acme Industrial Supply, Inc.", aliases: ["Acme Industrial"], taxId: "74-2918834", currency: "USD" },
      { id: null, label: "test" },
    );
    const text = fs
      .readFileSync("ai/deterministic/fixtures/invoice-us-acme.txt", "utf8")
      .replace("$1,685.45", "$1,785.45")
      .replace("INV-2025-00418", "INV-2025-00999")
      .replace(/^ACH:.*$/m, "");
    const { receiveDocument } = await import("@/services/documents/receive");
    const { document } = await receiveDocument({
      bytes: new TextEncoder().encode(text),
      filename: "late.txt",
      source: "api",
      actor: { id: null, label: "test" },
    });

    const task = await until("the review task", async () => (await listTasksForDocument(document.id))[0]);
    expect(task).toMatchObject({ type: "REVIEW_EXTRACTION", assignedRole: "operator" });
    expect(task.deadlineAt.getTime() - task.createdAt.getTime()).toBeLessThan(10_000);

    const expired = await until(
      "the deadline",
      async () => {
        const [current] = await listTasksForDocument(document.id);
        return current?.status === "expired" ? current : undefined;
      },
      30_000,
    );
    expect(expired).toMatchObject({
      assignedRole: "approver",
      action: "expire",
      parameters: { reason: expect.stringMatching(/^No decision before the deadline/) as unknown },
    });
    expect((await listAuditForSubject("task", task.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(["task.opened", "task.escalated", "task.expired"]),
    );

    const mail = (await listOutboxEmails(500)).filter((e) => e.documentId === document.id);
    expect(mail.filter((e) => e.subject.startsWith("Reminder:")).map((e) => e.to)).toContain(operator.email);
    expect(mail.filter((e) => e.subject.startsWith("Escalated to you:")).map((e) => e.to)).toContain(approver.email);

    await until("the safe default", async () =>
      (await getDocumentById(document.id))?.status === "rejected" ? true : undefined,
    );
    expect(await getDocumentById(document.id)).toMatchObject({
      errorMessage: "No decision before the deadline; not posted (safe default).",
    });
    expect(await listPayablesForDocument(document.id)).toEqual([]);
    const labels = (await listDocumentEvents(document.id)).map((e) => e.label);
    const order = ["Reminder sent", "Escalated to approvers", "Deadline passed without a decision"].map((prefix) =>
      labels.findIndex((l) => l.startsWith(prefix)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
