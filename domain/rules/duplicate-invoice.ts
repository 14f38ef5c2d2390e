import { nearIdenticalSimilarity, normalizeForFingerprint } from "../documents/fingerprint";
import { normalizeInvoiceNumber, sellerFactsOf, sharedSellerKinds, type SellerKey } from "./identity";
import type { Finding } from "../documents/types";
import type { EarlierDocument, RuleContext } from "./context";
import { daysBetween, finding, formatAmount } from "./support";

/**
 * One invoice paid twice, whoever the vendor and whatever the bytes: an earlier invoice from the same seller (vendor
 * on file, tax id, IBAN or name) with the same number, or with the same amount a few days apart, or an earlier
 * document whose text is nearly the same. One finding per earlier document, the strongest evidence first.
 */
export function checkDuplicateInvoice({
  extraction,
  documentId,
  vendor,
  earlierDocuments,
  thresholds,
}: Pick<RuleContext, "documentId" | "extraction" | "vendor" | "earlierDocuments" | "thresholds">): Finding[] {
  if (extraction.documentClass.value !== "invoice") return [];
  const { documentNumber, totalMinor, currency, issueDate, vendorName } = extraction.fields;
  const seller = sellerFactsOf(extraction.fields, vendor);
  const number = normalizeInvoiceNumber(documentNumber.value);
  const who = vendor?.name ?? vendorName.value ?? "this seller";
  const findings: Finding[] = [];

  for (const earlier of earlierDocuments) {
    if (earlier.documentId === documentId || earlier.documentClass !== "invoice") continue;
    const shared = sharedSellerKinds(seller, earlier.seller);
    const base = {
      priorDocumentId: earlier.documentId,
      priorNumber: earlier.number,
      priorStatus: earlier.status,
      textSimilarity: earlier.textSimilarity,
    };
    if (shared.length > 0 && number !== null && normalizeInvoiceNumber(earlier.number) === number) {
      findings.push(
        finding(
          "duplicate-invoice-number",
          "error",
          `Invoice ${documentNumber.value ?? ""} from ${who} was already received${describe(earlier)}: the same ${listKinds(shared)} and invoice number. Confirm whether this is the same invoice before paying it again.`,
          ["documentNumber", "vendorName"],
          { ...base, number: documentNumber.value, matchedBy: shared },
        ),
      );
      continue;
    }
    const total = totalMinor.value;
    const days =
      issueDate.value === null || earlier.issueDate === null ? null : daysBetween(issueDate.value, earlier.issueDate);
    if (
      shared.length > 0 &&
      total !== null &&
      total === earlier.totalMinor &&
      currency.value !== null &&
      currency.value === earlier.currency &&
      days !== null &&
      days <= thresholds.duplicateWindowDays
    ) {
      findings.push(
        finding(
          "possible-duplicate-invoice",
          "warning",
          `${who} sent another invoice for ${formatAmount(total, currency.value)} ${String(days)} days apart from this one${describe(earlier)}. Confirm whether they are the same invoice.`,
          ["totalMinor", "issueDate", "vendorName"],
          { ...base, daysApart: days, totalMinor: total, currency: currency.value, matchedBy: shared },
        ),
      );
      continue;
    }
    const similarity = earlier.textSimilarity;
    if (similarity !== null && similarity >= nearIdenticalSimilarity && !toldApart(earlier, number, total)) {
      findings.push(
        finding(
          "duplicate-document-text",
          "error",
          `This document reads almost the same as one received earlier${describe(earlier)}: ${String(Math.round(similarity * 100))} % of the text matches, as it does when an invoice is sent, exported or scanned again. Confirm whether it is the same invoice before paying it again.`,
          ["documentNumber", "vendorName", "totalMinor"],
          base,
        ),
      );
    }
  }
  return findings;
}

/**
 * Another invoice on the vendor's template reads much like the last one; a different number and a different total
 * say it is another invoice, however alike the text. Numbers are compared as OCR reads them (0 and O alike), so a
 * re-scan that misread the number is still the same invoice.
 */
function toldApart(earlier: EarlierDocument, number: string | null, total: number | null): boolean {
  const earlierNumber = earlier.number === null ? "" : normalizeForFingerprint(earlier.number);
  const ownNumber = number === null ? "" : normalizeForFingerprint(number);
  const numbersDiffer = ownNumber !== "" && earlierNumber !== "" && ownNumber !== earlierNumber;
  const totalsDiffer = total !== null && earlier.totalMinor !== null && total !== earlier.totalMinor;
  return numbersDiffer && totalsDiffer;
}

const statusWords: Record<EarlierDocument["status"], string> = {
  received: "still being read",
  extracting: "still being read",
  needs_review: "waiting for a decision",
  approved: "approved to post",
  posted: "already posted as a payable",
};

function describe(earlier: EarlierDocument): string {
  const parts = [
    `as ${earlier.filename}`,
    earlier.number === null ? null : `number ${earlier.number}`,
    earlier.issueDate === null ? null : `issued ${earlier.issueDate}`,
    earlier.totalMinor === null ? null : `for ${formatAmount(earlier.totalMinor, earlier.currency)}`,
    statusWords[earlier.status],
  ].filter((part) => part !== null);
  return ` (${parts.join(", ")})`;
}

function listKinds(kinds: readonly SellerKey["kind"][]): string {
  const words = kinds.map((kind) => (kind === "vendor" ? "vendor on file" : kind));
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1) ?? ""}`;
}
