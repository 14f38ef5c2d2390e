import { randomBytes } from "node:crypto";
import { createDocument, saveExtraction } from "@/db/queries/documents";
import { openTaskForDocument } from "@/db/queries/tasks";
import type { TaskType } from "@/domain/routing";
import { makeExtraction } from "@/domain/rules/test-factory";
import { taskRole } from "@/domain/tasks/describe";
import { fieldValues } from "@/domain/tasks/edits";

/** An open task on a stored document, as the pipeline would leave it, without running the pipeline. */
export async function makeTask(options: {
  type: TaskType;
  amountMinor: number;
  currency?: string;
  uploadedBy?: string | null;
}) {
  const id = randomBytes(4).toString("hex");
  const { document } = await createDocument(
    {
      bytes: Buffer.from(`factory document ${id}`),
      filename: `factory-${id}.txt`,
      kind: "text",
      mediaType: "text/plain",
      source: "upload",
      uploadedBy: options.uploadedBy ?? null,
    },
    { id: null, label: "e2e" },
  );
  const task = await openTaskForDocument({
    documentId: document.id,
    type: options.type,
    title: `Approve invoice F-${id} from Factory GmbH`,
    description: "Made by a test factory.",
    reasons: ["The amount needs an approver."],
    proposed: {},
    assignedRole: taskRole[options.type],
    amountMinor: options.amountMinor,
    currency: options.currency ?? "EUR",
    deadlineAt: new Date(Date.now() + 48 * 3_600_000),
  });
  return { document, task };
}

/** An open review task on a stored invoice whose machine-read total is 5,000.00 EUR, with its extraction's id. */
export async function makeReviewTask() {
  const { document } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 100 });
  const extraction = makeExtraction({ totalMinor: 500_000, subtotalMinor: 500_000, taxMinor: 0, currency: "EUR" });
  const extractionId = await saveExtraction(document.id, extraction);
  const task = await openTaskForDocument({
    documentId: document.id,
    type: "REVIEW_EXTRACTION",
    title: `Check invoice on ${document.filename}`,
    description: "Made by a test.",
    reasons: [],
    proposed: { findings: [], extractionId, fields: fieldValues(extraction) },
    assignedRole: "operator",
    amountMinor: 500_000,
    currency: "EUR",
    deadlineAt: new Date(Date.now() + 48 * 3_600_000),
  });
  return { document, task, extractionId };
}
