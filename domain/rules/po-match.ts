import type { Finding, LineItem } from "../documents/types";
import type { PurchaseOrderLine, PurchaseOrderRecord, RuleContext } from "./context";
import {
  capitalize,
  finding,
  formatAmount,
  lineLabel,
  linePath,
  normalizeIdentifier,
  normalizeText,
  percentChange,
} from "./support";

/** An invoice bills what its purchase order ordered: same currency, totals and per-line quantities and prices. */
export function checkPurchaseOrderMatch({
  extraction,
  purchaseOrder,
  thresholds,
}: Pick<RuleContext, "extraction" | "purchaseOrder" | "thresholds">): Finding[] {
  if (extraction.documentClass.value !== "invoice") return [];
  const cited = extraction.fields.poNumber.value;
  if (purchaseOrder === null) {
    if (cited === null || normalizeIdentifier(cited) === "") return [];
    return [
      finding(
        "po-not-found",
        "warning",
        `The invoice cites PO ${cited}, but no purchase order with that number is on file. Check the PO number on the document.`,
        ["poNumber"],
        { poNumber: cited },
      ),
    ];
  }
  const currency = extraction.fields.currency.value;
  if (currency !== null && currency.toUpperCase() !== purchaseOrder.currency.toUpperCase()) {
    return [
      finding(
        "po-currency-mismatch",
        "error",
        `The invoice is in ${currency}, but PO ${purchaseOrder.number} is in ${purchaseOrder.currency}. Amounts cannot be compared; check the currency.`,
        ["currency", "poNumber"],
        { poNumber: purchaseOrder.number, invoiceCurrency: currency, poCurrency: purchaseOrder.currency },
      ),
    ];
  }
  return [
    ...compareTotals(extraction.fields.totalMinor.value, purchaseOrder, thresholds.purchaseOrder.totalTolerancePercent),
    ...compareLines(extraction.fields.lines, purchaseOrder, thresholds.purchaseOrder),
  ];
}

function compareTotals(total: number | null, po: PurchaseOrderRecord, tolerancePercent: number): Finding[] {
  if (total === null) return [];
  const difference = total - po.totalMinor;
  const allowed = Math.abs(po.totalMinor) * (tolerancePercent / 100);
  if (Math.abs(difference) <= allowed) return [];
  const money = (minor: number) => formatAmount(minor, po.currency);
  const over = difference > 0;
  const change = po.totalMinor === 0 ? null : percentChange(po.totalMinor, total);
  const changeText = change === null ? "" : ` (${String(Math.abs(change))} %)`;
  return [
    finding(
      "po-total-mismatch",
      // Billing less than ordered is normal for a partial delivery; billing more needs someone to approve it.
      over ? "warning" : "info",
      `The invoice total ${money(total)} is ${money(Math.abs(difference))}${changeText} ${over ? "above" : "below"} PO ${po.number}'s total ${money(po.totalMinor)} (tolerance ${String(tolerancePercent)} %).`,
      ["totalMinor", "poNumber"],
      {
        poNumber: po.number,
        invoiceTotalMinor: total,
        poTotalMinor: po.totalMinor,
        differenceMinor: difference,
        percent: change,
      },
    ),
  ];
}

function compareLines(
  lines: LineItem[],
  po: PurchaseOrderRecord,
  tolerance: { unitPriceTolerancePercent: number; quantityTolerance: number },
): Finding[] {
  const money = (minor: number) => formatAmount(minor, po.currency);
  const findings: Finding[] = [];
  const billed = new Map<PurchaseOrderLine, { quantity: number; indexes: number[] }>();

  lines.forEach((line, index) => {
    const description = line.description.value;
    const sku = line.sku?.value ?? null;
    if (description === null && sku === null) return;
    const poLine = findPoLine(po.lines, description, sku);
    const label = description ?? sku ?? "";
    if (poLine === undefined) {
      findings.push(
        finding(
          "po-line-unmatched",
          "warning",
          `${capitalize(lineLabel(index))} "${label}" is not on PO ${po.number}. Check whether it was ordered.`,
          [linePath(index, "description")],
          { line: index, poNumber: po.number, description, sku },
        ),
      );
      return;
    }
    const quantity = line.quantity.value;
    if (quantity !== null) {
      const entry = billed.get(poLine) ?? { quantity: 0, indexes: [] };
      entry.quantity += quantity;
      entry.indexes.push(index);
      billed.set(poLine, entry);
    }
    const unitPrice = line.unitPriceMinor.value;
    if (unitPrice === null) return;
    const difference = unitPrice - poLine.unitPriceMinor;
    if (Math.abs(difference) <= Math.abs(poLine.unitPriceMinor) * (tolerance.unitPriceTolerancePercent / 100)) return;
    const change = poLine.unitPriceMinor === 0 ? null : percentChange(poLine.unitPriceMinor, unitPrice);
    findings.push(
      finding(
        "po-line-price-mismatch",
        difference > 0 ? "warning" : "info",
        `${capitalize(lineLabel(index))} "${label}" is billed at ${money(unitPrice)} a unit, PO ${po.number} ordered it at ${money(poLine.unitPriceMinor)}${change === null ? "" : ` (${change > 0 ? "+" : ""}${String(change)} %)`}.`,
        [linePath(index, "unitPriceMinor")],
        {
          line: index,
          poNumber: po.number,
          unitPriceMinor: unitPrice,
          poUnitPriceMinor: poLine.unitPriceMinor,
          percent: change,
        },
      ),
    );
  });

  for (const [poLine, { quantity, indexes }] of billed) {
    if (quantity <= poLine.quantity + tolerance.quantityTolerance) continue;
    findings.push(
      finding(
        "po-line-quantity-mismatch",
        "warning",
        `"${poLine.description}" is billed for ${String(quantity)} units, but PO ${po.number} ordered ${String(poLine.quantity)}.`,
        indexes.map((index) => linePath(index, "quantity")),
        { lines: indexes, poNumber: po.number, quantity, poQuantity: poLine.quantity },
      ),
    );
  }
  return findings;
}

function findPoLine(
  poLines: PurchaseOrderLine[],
  description: string | null,
  sku: string | null,
): PurchaseOrderLine | undefined {
  if (sku !== null && normalizeIdentifier(sku) !== "") {
    const bySku = poLines.find((l) => l.sku !== null && normalizeIdentifier(l.sku) === normalizeIdentifier(sku));
    if (bySku) return bySku;
  }
  if (description === null) return undefined;
  const wanted = normalizeText(description);
  return poLines.find((l) => normalizeText(l.description) === wanted);
}
