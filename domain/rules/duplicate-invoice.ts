import type { Finding } from "../documents/types";
import type { PriorDocument, RuleContext } from "./context";
import { daysBetween, finding, formatAmount, normalizeIdentifier } from "./support";

/** One invoice paid twice: same vendor + number, or same vendor + amount within a few days of each other. */
export function checkDuplicateInvoice({
  extraction,
  documentId,
  vendorDocuments,
  thresholds,
}: Pick<RuleContext, "documentId" | "extraction" | "vendorDocuments" | "thresholds">): Finding[] {
  if (extraction.documentClass.value !== "invoice") return [];
  const { documentNumber, totalMinor, currency, issueDate, vendorName } = extraction.fields;
  const number = documentNumber.value === null ? "" : normalizeIdentifier(documentNumber.value);
  const vendor = vendorName.value ?? "this vendor";
  const findings: Finding[] = [];

  for (const prior of vendorDocuments) {
    if (prior.documentId === documentId || prior.documentClass !== "invoice") continue;
    if (number !== "" && prior.number !== null && normalizeIdentifier(prior.number) === number) {
      findings.push(
        finding(
          "duplicate-invoice-number",
          "error",
          `Invoice ${documentNumber.value ?? ""} from ${vendor} was already received${describe(prior)}. Confirm whether this is the same invoice before paying it again.`,
          ["documentNumber", "vendorName"],
          { priorDocumentId: prior.documentId, priorNumber: prior.number, number: documentNumber.value },
        ),
      );
      continue;
    }
    const total = totalMinor.value;
    const days =
      issueDate.value === null || prior.issueDate === null ? null : daysBetween(issueDate.value, prior.issueDate);
    if (
      total !== null &&
      total === prior.totalMinor &&
      currency.value !== null &&
      currency.value === prior.currency &&
      days !== null &&
      days <= thresholds.duplicateWindowDays
    ) {
      findings.push(
        finding(
          "possible-duplicate-invoice",
          "warning",
          `${vendor} sent another invoice for ${formatAmount(total, currency.value)} ${String(days)} days apart from this one${describe(prior)}. Confirm whether they are the same invoice.`,
          ["totalMinor", "issueDate", "vendorName"],
          {
            priorDocumentId: prior.documentId,
            priorNumber: prior.number,
            daysApart: days,
            totalMinor: total,
            currency: currency.value,
          },
        ),
      );
    }
  }
  return findings;
}

function describe(prior: PriorDocument): string {
  const parts = [
    prior.number === null ? null : `number ${prior.number}`,
    prior.issueDate === null ? null : `issued ${prior.issueDate}`,
    prior.totalMinor === null ? null : `for ${formatAmount(prior.totalMinor, prior.currency)}`,
  ].filter((part) => part !== null);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}
