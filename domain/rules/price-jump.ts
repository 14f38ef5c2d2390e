import type { Finding, LineItem } from "../documents/types";
import type { PriorDocument, PriorLine, RuleContext } from "./context";
import {
  capitalize,
  finding,
  formatAmount,
  lineLabel,
  linePath,
  normalizeIdentifier,
  normalizeText,
  parseIsoDate,
  percentChange,
} from "./support";

type PriorPrice = { unitPriceMinor: number; document: PriorDocument };

/** A unit price well above what this vendor last charged for the same item is a price change to confirm. */
export function checkPriceJump({
  extraction,
  documentId,
  vendorDocuments,
  thresholds,
}: Pick<RuleContext, "documentId" | "extraction" | "vendorDocuments" | "thresholds">): Finding[] {
  const currency = extraction.fields.currency.value;
  if (currency === null) return [];
  const history = [...vendorDocuments]
    .filter(
      (d) => d.documentId !== documentId && d.currency !== null && d.currency.toUpperCase() === currency.toUpperCase(),
    )
    .sort((a, b) => dateValue(b) - dateValue(a));
  const money = (minor: number) => formatAmount(minor, currency);
  const findings: Finding[] = [];

  extraction.fields.lines.forEach((line, index) => {
    const price = line.unitPriceMinor.value;
    // Credits and free lines have no price to compare.
    if (price === null || price <= 0) return;
    const last = lastPrice(line, history);
    if (last === null) return;
    const before = last.unitPriceMinor;
    // Integer cross-multiplication: price / before > 1 + pct / 100 without dividing.
    if ((price - before) * 100 <= before * thresholds.priceJumpPercent) return;
    const change = percentChange(before, price);
    const where = [
      last.document.number === null
        ? null
        : `on ${last.document.documentClass.replaceAll("_", " ")} ${last.document.number}`,
      last.document.issueDate === null ? null : `of ${last.document.issueDate}`,
    ]
      .filter((s) => s !== null)
      .join(" ");
    const label = line.description.value ?? line.sku?.value ?? "";
    findings.push(
      finding(
        "price-jump",
        "warning",
        `${capitalize(lineLabel(index))} "${label}": ${money(price)} a unit, up ${String(change)} % from ${money(before)}${where === "" ? "" : ` ${where}`}. Confirm the new price.`,
        [linePath(index, "unitPriceMinor")],
        {
          line: index,
          unitPriceMinor: price,
          previousUnitPriceMinor: before,
          percent: change,
          thresholdPercent: thresholds.priceJumpPercent,
          previousDocumentId: last.document.documentId,
          currency,
        },
      ),
    );
  });
  return findings;
}

/** The most recent positive price for the same item: by SKU where both sides have one, else by description. */
function lastPrice(line: LineItem, history: PriorDocument[]): PriorPrice | null {
  for (const document of history) {
    const match = document.lines.find(
      (prior) => sameItem(line, prior) && prior.unitPriceMinor !== null && prior.unitPriceMinor > 0,
    );
    if (match?.unitPriceMinor != null) return { unitPriceMinor: match.unitPriceMinor, document };
  }
  return null;
}

function sameItem(line: LineItem, prior: PriorLine): boolean {
  const sku = line.sku?.value ?? null;
  if (sku !== null && prior.sku !== null && normalizeIdentifier(sku) !== "") {
    return normalizeIdentifier(sku) === normalizeIdentifier(prior.sku);
  }
  const description = line.description.value;
  if (description === null || prior.description === null) return false;
  const wanted = normalizeText(description);
  return wanted !== "" && wanted === normalizeText(prior.description);
}

/** Undated documents sort last: an unknown date never outranks a known recent one. */
function dateValue(document: PriorDocument): number {
  return (document.issueDate === null ? null : parseIsoDate(document.issueDate)) ?? Number.NEGATIVE_INFINITY;
}
