import type { ExtractedFields, Finding, LineItem } from "../documents/types";
import type { Thresholds } from "../thresholds";
import { capitalize, finding, formatAmount, lineLabel, linePath } from "./support";

/** The parts of a document the arithmetic reads: enough for the task page to run it on values being typed. */
export type ArithmeticContext = {
  extraction: { fields: Pick<ExtractedFields, "lines" | "subtotalMinor" | "taxMinor" | "totalMinor" | "currency"> };
  thresholds: Pick<Thresholds, "arithmeticToleranceMinor">;
};

/** Lines: quantity × unit price = amount; Σ lines = subtotal; subtotal + tax = total. */
export function checkArithmetic({ extraction, thresholds }: ArithmeticContext): Finding[] {
  const { fields } = extraction;
  const currency = fields.currency.value;
  const tolerance = thresholds.arithmeticToleranceMinor;
  const money = (minor: number) => formatAmount(minor, currency);
  const findings: Finding[] = [];

  fields.lines.forEach((line, index) => {
    const quantity = line.quantity.value;
    const unitPrice = line.unitPriceMinor.value;
    const amount = line.amountMinor.value;
    if (quantity === null || unitPrice === null || amount === null) return;
    const expected = Math.round(quantity * unitPrice);
    const difference = amount - expected;
    // A printed unit price is itself rounded to a minor unit, so a true price of 0.125 shows as 0.13: each unit
    // may carry up to half a minor unit of rounding into the line amount.
    const allowed = tolerance.line + Math.abs(quantity) * 0.5;
    if (Math.abs(difference) <= allowed) return;
    findings.push(
      finding(
        "line-amount-mismatch",
        "error",
        `${capitalize(lineLabel(index))}: ${String(quantity)} × ${money(unitPrice)} = ${money(expected)}, but the line amount reads ${money(amount)} (off by ${money(difference)}).`,
        [linePath(index, "quantity"), linePath(index, "unitPriceMinor"), linePath(index, "amountMinor")],
        {
          line: index,
          quantity,
          unitPriceMinor: unitPrice,
          expectedMinor: expected,
          actualMinor: amount,
          differenceMinor: difference,
          currency,
        },
      ),
    );
  });

  const lineSum = sumLines(fields.lines);
  const subtotal = fields.subtotalMinor.value;
  const tax = fields.taxMinor.value;
  const total = fields.totalMinor.value;
  const lineFields = fields.lines.map((_, index) => linePath(index, "amountMinor"));

  if (lineSum !== null && subtotal !== null) {
    const difference = subtotal - lineSum;
    if (Math.abs(difference) > tolerance.subtotal) {
      findings.push(
        finding(
          "subtotal-mismatch",
          "error",
          `The lines add up to ${money(lineSum)}, but the subtotal reads ${money(subtotal)} (off by ${money(difference)}).`,
          [...lineFields, "subtotalMinor"],
          { linesSumMinor: lineSum, subtotalMinor: subtotal, differenceMinor: difference, currency },
        ),
      );
    }
  }

  // Without a subtotal the lines stand in for it, so a wrong total is still caught.
  const base = subtotal ?? lineSum;
  if (base !== null && total !== null) {
    const expected = base + (tax ?? 0);
    const difference = total - expected;
    if (Math.abs(difference) > tolerance.total) {
      const what = subtotal !== null ? `Subtotal ${money(base)}` : `The lines (${money(base)})`;
      const taxText = tax !== null ? ` + tax ${money(tax)} = ${money(expected)}` : " with no tax amount read";
      findings.push(
        finding(
          "total-mismatch",
          "error",
          `${what}${taxText}, but the total reads ${money(total)} (off by ${money(difference)}).`,
          [...(subtotal !== null ? ["subtotalMinor"] : lineFields), "taxMinor", "totalMinor"],
          {
            baseMinor: base,
            taxMinor: tax,
            expectedMinor: expected,
            totalMinor: total,
            differenceMinor: difference,
            currency,
          },
        ),
      );
    }
  }
  return findings;
}

/** Σ line amounts, or null when there are no lines or a line's amount cannot be known. */
function sumLines(lines: LineItem[]): number | null {
  if (lines.length === 0) return null;
  let sum = 0;
  for (const line of lines) {
    const amount = line.amountMinor.value;
    if (amount !== null) {
      sum += amount;
      continue;
    }
    const quantity = line.quantity.value;
    const unitPrice = line.unitPriceMinor.value;
    if (quantity === null || unitPrice === null) return null;
    sum += Math.round(quantity * unitPrice);
  }
  return sum;
}
