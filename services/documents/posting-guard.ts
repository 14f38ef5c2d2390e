import { recordDocumentEvent, setDocumentStatus, type getLatestExtraction } from "@/db/queries/documents";
import type { Document } from "@/db/schema";
import { getPeopleFacts } from "@/db/queries/posting-authority";
import { mayPost } from "@/domain/posting-authority";
import { defaultThresholds } from "@/domain/thresholds";

type ExtractionRow = NonNullable<Awaited<ReturnType<typeof getLatestExtraction>>>;

/**
 * The last word before anything posts, read from the records rather than from the run that got here: a payable
 * posts only after a clean machine route or an independent approval of its spend. Refused, the document goes back
 * to review with the reason and the run ends; retrying could not change the answer.
 */
export async function postingAllowed(document: Document, row: ExtractionRow): Promise<boolean> {
  const documentId = document.id;
  const f = row.extraction.fields;
  const currency = f.currency.value ?? document.currency;
  const total = f.totalMinor.value;
  const answer = mayPost({
    documentClass: row.extraction.documentClass.value,
    vendorOnFile: document.vendorId !== null,
    amount: currency !== null && total !== null ? { minor: total, currency } : null,
    thresholds: defaultThresholds,
    ...(await getPeopleFacts(documentId)),
  });
  if (answer.allowed) return true;
  await setDocumentStatus(documentId, "needs_review", { errorMessage: answer.reason });
  await recordDocumentEvent({
    documentId,
    kind: "step",
    label: answer.reason,
    data: { refused: "posting" },
    dedupeKey: `posting-refused:${row.id}`,
  });
  return false;
}
