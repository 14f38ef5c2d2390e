import { getLatestExtraction, saveDocumentText, saveExtraction } from "@/db/queries/documents";
import { openTaskForDocument } from "@/db/queries/tasks";
import type { Task } from "@/db/schema";
import { extractDeterministic } from "@/ai/deterministic/extract";
import { loadFixture } from "@/ai/deterministic/fixtures/load";
import type { Extraction } from "@/domain/documents/types";
import { fieldValues } from "@/domain/tasks/edits";
import { storeTextInvoice } from "../factories/documents";

/**
 * The Acme invoice fixture as a stored document whose machine reading got the invoice number and the total
 * wrong, with a review task open on it: what a person then corrects to what the invoice says.
 */
export async function misreadInvoiceTask(options: { withText?: boolean } = {}): Promise<{
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
    type: "REVIEW_EXTRACTION",
    title: "Check the fields",
    description: "",
    reasons: ["low confidence"],
    proposed: { findings: [], extractionId, fields: fieldValues(read) },
    assignedRole: "operator",
    amountMinor: 168_554,
    currency: "USD",
    deadlineAt: new Date(Date.now() + 3_600_000),
  });
  return { task, documentId: document.id, extractionId };
}

/** The corrections a reviewer types on the misread invoice: its real number and total. */
export const acmeCorrections = { documentNumber: "INV-2025-00418", totalMinor: "1,685.45" };

export async function latestExtractionId(documentId: string): Promise<string> {
  const latest = await getLatestExtraction(documentId);
  if (!latest) throw new Error("no extraction");
  return latest.id;
}
