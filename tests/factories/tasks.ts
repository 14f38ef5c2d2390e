import { randomBytes } from "node:crypto";
import { db } from "@/db/index";
import { createDocument } from "@/db/queries/documents";
import { openTaskForDocument } from "@/db/queries/tasks";
import { documents, tasks, type NewTask, type Task } from "@/db/schema";

/** A document's task: its document is always there. */
export type DocumentTask = Task & { documentId: string };

/** A task on a document of its own, written straight to the tables so a test can set any field, its age included. */
export async function makeTask(overrides: Partial<NewTask> = {}): Promise<DocumentTask> {
  const id = randomBytes(8).toString("hex");
  const [document] = await db()
    .insert(documents)
    .values({
      filename: `doc-${id}.txt`,
      kind: "text",
      mediaType: "text/plain",
      sizeBytes: 10,
      sha256: id.padEnd(64, "0"),
      source: "api",
    })
    .returning();
  if (!document) throw new Error("makeTask: no document");
  const [task] = await db()
    .insert(tasks)
    .values({
      documentId: document.id,
      type: "APPROVE_SPEND",
      title: `Task ${id}`,
      description: "",
      reasons: [],
      proposed: {},
      assignedRole: "approver",
      amountMinor: 100_00,
      currency: "EUR",
      deadlineAt: new Date(Date.now() + 86_400_000),
      ...overrides,
    })
    .returning();
  if (!task) throw new Error("makeTask: no task");
  return { ...task, documentId: document.id };
}

/** An APPROVE_SPEND task opened the way the pipeline opens one (openTaskForDocument: audited, on the timeline). */
export async function openTask(
  overrides: { amountMinor?: number; title?: string; uploadedBy?: string } = {},
): Promise<DocumentTask> {
  const { document } = await createDocument(
    {
      bytes: Buffer.from(`doc ${randomBytes(8).toString("hex")}`),
      filename: "d.txt",
      kind: "text",
      mediaType: "text/plain",
      source: "upload",
      uploadedBy: overrides.uploadedBy ?? null,
    },
    { id: null, label: "test" },
  );
  const task = await openTaskForDocument({
    documentId: document.id,
    type: "APPROVE_SPEND",
    title: overrides.title ?? "Approve",
    description: "",
    reasons: [],
    proposed: {},
    assignedRole: "approver",
    amountMinor: overrides.amountMinor ?? 1000,
    currency: "EUR",
    deadlineAt: new Date(Date.now() + 3_600_000),
  });
  return { ...task, documentId: document.id };
}
