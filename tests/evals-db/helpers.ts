import { saveDocumentText, saveExtraction } from "@/db/queries/documents";
import { openTaskForDocument } from "@/db/queries/tasks";
import type { Task } from "@/db/schema";
import { extractDeterministic } from "@/ai/deterministic/extract";
import { loadFixture } from "@/ai/deterministic/fixtures/load";
import type { Extraction } from "@/domain/documents/types";
import { fieldValues } from "@/domain/tasks/edits";
import { storeTextInvoice } from "../factories/documents";
import { makeUser } from "../factories/users";

/**
 * The Acme invoice fixture as a stored document whose machine reading got the invoice number and the total
 * wrong, with a review task open on it: what a person then corrects to what the invoice says.
 */
export async function misreadInvoiceTask(
  options: { withText?: boolean; type?: "REVIEW_EXTRACTION" | "QA_REVIEW" } = {},
): Promise<{
  task: Task;
  documentId: string;
  extractionId: string;
}> {
  const document = await storeTextInvoice();
  const text = loadFixture("invoice-us-acme.txt");
  if (options.withText !== false) await saveDocumentText(document.id, text);
  const read: Extraction = extractDeterministic(text);
  read.fields.documentNumber = { value: "INV-2025-00419", confidence: 0.6, evidence: null };
  read.fields.totalMinor = { value: 168_554, confidence: 0.6, evidence: null };
  const extractionId = await saveExtraction(document.id, read);
  const task = await openTaskForDocument({
    documentId: document.id,
    type: options.type ?? "REVIEW_EXTRACTION",
    title: "Check the fields",
    description: "",
    reasons: ["low confidence"],
    proposed: { findings: [], extractionId, fields: fieldValues(read) },
    assignedRole: options.type === "QA_REVIEW" ? "approver" : "operator",
    amountMinor: 168_554,
    currency: "USD",
    deadlineAt: new Date(Date.now() + 3_600_000),
  });
  return { task, documentId: document.id, extractionId };
}

/** The corrections a reviewer types on the misread invoice: its real number and total. */
export const acmeCorrections = { documentNumber: "INV-2025-00418", totalMinor: "1,685.45" };

type Services = {
  decide: typeof import("@/services/tasks/decide").decide;
  promoteToEvalCase: typeof import("@/services/evals/promote").promoteToEvalCase;
};

/**
 * The misread invoice corrected by a reviewer and promoted to an eval case by an admin. The services are passed in
 * because a test that serves functions to an engine may import them only once the Inngest client's environment is set.
 */
export async function promotedCorrection({ decide, promoteToEvalCase }: Services): Promise<{ documentId: string }> {
  const admin = await makeUser({ role: "admin" });
  const reviewer = await makeUser({ role: "operator" });
  const misread = await misreadInvoiceTask();
  const decided = await decide(reviewer, misread.task.id, {
    action: "edit_and_approve",
    extractionId: misread.extractionId,
    edits: acmeCorrections,
  });
  if (!decided.ok) throw new Error(`decide: ${decided.message}`);
  const promoted = await promoteToEvalCase(admin, misread.task.id);
  if (!promoted.ok) throw new Error(`promote: ${promoted.message}`);
  return { documentId: misread.documentId };
}
