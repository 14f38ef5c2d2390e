import { listTasksForDocument } from "@/db/queries/tasks";
import { getDocumentById } from "@/db/queries/documents";
import { listRunSteps } from "@/services/runs/runs";

import { quantile } from "../keel";

export type Upload = { bytes: Uint8Array; filename: string };
export type Receive = (upload: Upload) => Promise<{ document: { id: string } }>;

const pollMs = 5;
const giveUpMs = 120_000;

/**
 * Uploads one document at a time, each only after the last one's task is open, and times upload → the task an
 * approver sees in the inbox (its row committed): p50 and p95 in milliseconds.
 */
export async function uploadToTask(
  receive: Receive,
  make: (index: number) => Upload | Promise<Upload>,
  count: number,
): Promise<{ p50: number; p95: number; all: number[]; lastSteps: string }> {
  const times: number[] = [];
  let lastSteps = "";
  for (let index = 0; index < count; index++) {
    const upload = await make(index);
    const uploadedAt = Date.now();
    const started = performance.now();
    const { document } = await receive(upload);
    await untilTaskOpen(document.id, started);
    times.push(performance.now() - started);
    lastSteps = await stepTimes(document.id, uploadedAt);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), all: times, lastSteps };
}

/** Where the time went: each step of the document's run, when it began after the upload and how long it took. */
async function stepTimes(documentId: string, uploadedAt: number): Promise<string> {
  const runId = (await getDocumentById(documentId))?.runId;
  if (!runId) return "(no run)";
  const steps = await listRunSteps(runId);
  return steps
    .map(
      (step) =>
        `${step.name ?? step.stepId} +${String(step.startedAt.getTime() - uploadedAt)} (${String(step.durationMs ?? "…")})`,
    )
    .join(", ");
}

async function untilTaskOpen(documentId: string, started: number): Promise<void> {
  for (;;) {
    if ((await listTasksForDocument(documentId)).length > 0) return;
    if (performance.now() - started > giveUpMs) {
      const document = await getDocumentById(documentId);
      throw new Error(
        `Document ${documentId} opened no task within ${String(giveUpMs / 1000)} s (status ${document?.status ?? "gone"}); the benchmark's invoices name a vendor not on file, so each should ask for a review.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
