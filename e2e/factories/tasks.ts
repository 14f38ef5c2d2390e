import { randomBytes } from "node:crypto";
import { createDocument } from "@/db/queries/documents";
import { openTaskForDocument } from "@/db/queries/tasks";
import type { TaskType } from "@/domain/routing";
import { taskRole } from "@/domain/tasks/describe";

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
