import { NonRetriableError } from "inngest";
import { documentTimeline } from "@/domain/timeline";
import { getDocumentById, getLatestExtraction, recordDocumentEvent, setDocumentStatus } from "@/db/queries/documents";
import { postDocumentEffects, type DuplicatePayable, type EffectOutcome, type PostingPlan } from "@/db/queries/ledger";
import { getVendorById } from "@/db/queries/vendors";
import { payableKeys } from "@/domain/rules/identity";
import { formatMoney } from "@/domain/money";
import { nudgeMailer } from "@/services/mail/nudge";
import { postingAllowed } from "./posting-guard";
import { withQueries } from "@/lib/telemetry/queries";
import { announceDocument } from "@/services/realtime/announce";

/** The order as the vendor receives it; queued in the outbox in the same transaction as the order itself. */
function purchaseOrderEmail(to: string, vendorName: string, po: NonNullable<PostingPlan["purchaseOrder"]>) {
  const number = po.number ?? "(no number)";
  return {
    to,
    subject: `Purchase order ${number}`,
    body: [
      `Dear ${vendorName},`,
      "",
      `please find our purchase order ${number} for ${formatMoney({ minor: po.totalMinor, currency: po.currency })}.`,
      "",
      "Kind regards",
    ].join("\n"),
  };
}

/** How posting ended: done, held back for review by the authority check, or refused by the ledger as a duplicate. */
export type PostResult = { outcome: "posted" | "held_for_review" | "refused_duplicate"; effects: EffectOutcome[] };

/** Step: the side effects of a document that may post, each exactly once in effect; then the read model. */
export async function postDocumentStep(documentId: string): Promise<PostResult> {
  const document = await getDocumentById(documentId);
  const row = await getLatestExtraction(documentId);
  if (!document || !row) throw new NonRetriableError(`Document ${documentId} cannot be posted: it has no extraction.`);
  if (!(await postingAllowed(document, row))) {
    await announceDocument(documentId);
    return { outcome: "held_for_review", effects: [] };
  }
  const f = row.extraction.fields;
  const currency = f.currency.value ?? document.currency;
  const total = f.totalMinor.value;
  const vendor = document.vendorId ? await getVendorById(document.vendorId) : undefined;
  const plan: PostingPlan = { documentId, vendorId: document.vendorId };
  if (currency && total !== null) {
    if (row.extraction.documentClass.value === "invoice") {
      const keys = payableKeys({
        vendor: vendor ?? null,
        printed: { name: f.vendorName.value, taxId: f.vendorTaxId.value, iban: f.bankDetails.value?.iban ?? null },
        number: f.documentNumber.value,
      });
      plan.payable = {
        invoiceNumber: f.documentNumber.value,
        currency,
        totalMinor: total,
        dueDate: f.dueDate.value,
        keys,
      };
    } else if (row.extraction.documentClass.value === "purchase_order") {
      plan.purchaseOrder = {
        number: f.documentNumber.value,
        currency,
        totalMinor: total,
        lines: f.lines.map((l) => ({
          description: l.description.value ?? "",
          sku: l.sku?.value ?? null,
          quantity: l.quantity.value ?? 0,
          unitPriceMinor: l.unitPriceMinor.value ?? 0,
          amountMinor: l.amountMinor.value ?? 0,
        })),
      };
    }
  }
  if (plan.purchaseOrder && vendor?.email)
    plan.email = purchaseOrderEmail(vendor.email, vendor.name, plan.purchaseOrder);
  const outcomes = await withQueries("post-effects", () => postDocumentEffects(plan));
  if (outcomes.some((o) => o.effect === "queue_email" && o.outcome === "applied")) await nudgeMailer({ documentId });
  const refused = outcomes.find((o) => o.outcome === "refused");
  if (refused) {
    await refuseDuplicatePosting(documentId, refused.duplicateOf);
    await announceDocument(documentId);
    return { outcome: "refused_duplicate", effects: outcomes };
  }
  await setDocumentStatus(documentId, "posted");
  await recordDocumentEvent({
    documentId,
    kind: "step",
    label: documentTimeline.posted(outcomes),
    dedupeKey: "posted",
  });
  await announceDocument(documentId);
  return { outcome: "posted", effects: outcomes };
}

/**
 * The ledger refused a second payable for the same seller and invoice number: the document ends rejected, saying
 * which payable it repeats, and the run ends there. Nothing is retried: the same posting would be refused again.
 */
async function refuseDuplicatePosting(documentId: string, duplicateOf: DuplicatePayable): Promise<void> {
  const original = await getDocumentById(duplicateOf.documentId);
  const number = duplicateOf.invoiceNumber ?? "(no number)";
  const message = `Not posted: invoice ${number} from this seller is already payable ${duplicateOf.payableId}, posted from ${original?.filename ?? "another document"} (document ${duplicateOf.documentId}). Paying it twice is refused; if this is a different invoice, ask the vendor for its own number.`;
  await setDocumentStatus(documentId, "rejected", { errorMessage: message });
  await recordDocumentEvent({
    documentId,
    kind: "decision",
    label: message,
    data: { duplicateOf },
    dedupeKey: "refused-duplicate-payable",
  });
}
