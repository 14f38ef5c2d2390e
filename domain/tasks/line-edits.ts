import { z } from "zod";
import type { ExtractedFields, Field, Finding, LineItem } from "../documents/types";
import { isCurrencyCode, parseAmount, toDecimalString } from "../money";
import { checkArithmetic } from "../rules/arithmetic";
import { lineFieldLabel } from "../rules/fields";
import { linePath } from "../rules/support";
import type { Thresholds } from "../thresholds";

/** A line as the agent read it or a person decided it; amounts in minor units, null when absent. */
export type LineValues = {
  description: string | null;
  quantity: number | null;
  unitPriceMinor: number | null;
  amountMinor: number | null;
};

export const lineColumns = ["description", "quantity", "unitPriceMinor", "amountMinor"] as const;
export type LineColumn = (typeof lineColumns)[number];

/** A line as the grid holds it while a person types: every cell as text. */
export type LineEdit = Record<LineColumn, string>;

const cell = z.string().max(200, "Keep it under 200 characters.");

/** The grid as a server action accepts it: the whole list of lines, as typed. */
export const lineEditsSchema = z
  .array(z.object({ description: cell, quantity: cell, unitPriceMinor: cell, amountMinor: cell }))
  .max(500, "Keep it to 500 lines.");

export function lineValues(lines: readonly LineItem[]): LineValues[] {
  return lines.map((line) => ({
    description: line.description.value,
    quantity: line.quantity.value,
    unitPriceMinor: line.unitPriceMinor.value,
    amountMinor: line.amountMinor.value,
  }));
}

const money = (minor: number | null, currency: string | null) =>
  minor === null ? "" : currency && isCurrencyCode(currency) ? toDecimalString({ minor, currency }) : String(minor);

/** A line as its grid row shows it: amounts as plain decimals in the document's currency. */
export function lineEditOf(line: LineValues, currency: string | null): LineEdit {
  return {
    description: line.description ?? "",
    quantity: line.quantity === null ? "" : String(line.quantity),
    unitPriceMinor: money(line.unitPriceMinor, currency),
    amountMinor: money(line.amountMinor, currency),
  };
}

export type ParsedLines = { ok: true; lines: LineValues[] } | { ok: false; errors: Record<string, string> };

/** Reads the typed grid; each problem is reported under its cell's path (`lines[1].quantity`), with what to type. */
export function parseLines(edits: readonly LineEdit[], currency: string | null): ParsedLines {
  const errors: Record<string, string> = {};
  const lines = edits.map((edit, index): LineValues => {
    const fail = (column: LineColumn, message: string) => {
      errors[linePath(index, column)] = message;
      return null;
    };
    const amount = (column: LineColumn): number | null => {
      const text = edit[column].trim();
      if (text === "") return null;
      if (!currency || !isCurrencyCode(currency))
        return fail(column, "Set the currency first, so Keel knows how to read the amount.");
      return parseAmount(text, currency) ?? fail(column, `Type an amount in ${currency}, such as 1,234.50.`);
    };
    const quantityText = edit.quantity.trim().replaceAll(",", "");
    const quantity = quantityText === "" ? null : Number(quantityText);
    const description = edit.description.trim();
    return {
      description: description === "" ? null : description,
      quantity:
        quantity === null || (Number.isFinite(quantity) && /^-?\d+(\.\d+)?$/.test(quantityText))
          ? quantity
          : fail("quantity", "Type a number, such as 12 or 2.5."),
      unitPriceMinor: amount("unitPriceMinor"),
      amountMinor: amount("amountMinor"),
    };
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, lines };
}

/** One changed cell, or a whole line added or removed (`lines[2]`): what the decision record lists. */
export type LineChange = {
  field: string;
  label: string;
  proposed: string | number | null;
  decided: string | number | null;
};

function lineSummary(line: LineValues, currency: string | null): string {
  const amount = (minor: number | null) => (minor === null ? "?" : money(minor, currency));
  return `${String(line.quantity ?? "?")} × ${line.description ?? "?"} at ${amount(line.unitPriceMinor)} = ${amount(line.amountMinor)}`;
}

/** What a person changed in the lines: cell by cell where both have the line, whole lines where one lacks it. */
export function diffLines(
  proposed: readonly LineValues[],
  decided: readonly LineValues[],
  currency: string | null,
): LineChange[] {
  const changes: LineChange[] = [];
  const count = Math.max(proposed.length, decided.length);
  for (let index = 0; index < count; index++) {
    const before = proposed[index];
    const after = decided[index];
    const label = `line ${String(index + 1)}`;
    if (!before || !after) {
      changes.push({
        field: `lines[${String(index)}]`,
        label,
        proposed: before ? lineSummary(before, currency) : null,
        decided: after ? lineSummary(after, currency) : null,
      });
      continue;
    }
    for (const column of lineColumns) {
      if (before[column] === after[column]) continue;
      changes.push({
        field: linePath(index, column),
        label: `${label} ${lineFieldLabel(column)}`,
        proposed: before[column],
        decided: after[column],
      });
    }
  }
  return changes;
}

const decidedField = <T>(value: T | null): Field<T> => ({ value, confidence: 1, evidence: null });

/**
 * The lines as a person decided them: a cell they changed carries their value at full confidence and no evidence,
 * every other cell is kept as read, with its evidence.
 */
export function applyLines(read: readonly LineItem[], decided: readonly LineValues[]): LineItem[] {
  return decided.map((values, index) => {
    const before = read[index];
    const keep = <C extends LineColumn>(column: C): LineItem[C] =>
      (before && before[column].value === values[column]
        ? before[column]
        : decidedField(values[column])) as LineItem[C];
    const line: LineItem = {
      description: keep("description"),
      quantity: keep("quantity"),
      unitPriceMinor: keep("unitPriceMinor"),
      amountMinor: keep("amountMinor"),
    };
    return before?.sku ? { ...line, sku: before.sku } : line;
  });
}

export type ArithmeticInput = {
  lines: readonly LineValues[];
  subtotalMinor: number | null;
  taxMinor: number | null;
  totalMinor: number | null;
  currency: string | null;
};

/** The arithmetic rule itself, run on values as a person is typing them, so the grid's live check is the rule's. */
export function checkLineArithmetic(
  values: ArithmeticInput,
  thresholds: Pick<Thresholds, "arithmeticToleranceMinor">,
): Finding[] {
  const fields: Pick<ExtractedFields, "lines" | "subtotalMinor" | "taxMinor" | "totalMinor" | "currency"> = {
    lines: values.lines.map((line) => ({
      description: decidedField(line.description),
      quantity: decidedField(line.quantity),
      unitPriceMinor: decidedField(line.unitPriceMinor),
      amountMinor: decidedField(line.amountMinor),
    })),
    subtotalMinor: decidedField(values.subtotalMinor),
    taxMinor: decidedField(values.taxMinor),
    totalMinor: decidedField(values.totalMinor),
    currency: decidedField(values.currency),
  };
  return checkArithmetic({ extraction: { fields }, thresholds });
}

/** The header amounts as typed beside the grid. */
export type TypedTotals = { subtotalMinor: string; taxMinor: string; totalMinor: string; currency: string };

/**
 * The live check while a person types: the arithmetic findings on the typed values, or null while a cell or an
 * amount cannot be read yet (the field shows why).
 */
export function checkTypedArithmetic(
  totals: TypedTotals,
  edits: readonly LineEdit[],
  thresholds: Pick<Thresholds, "arithmeticToleranceMinor">,
): Finding[] | null {
  const currency = totals.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) return null;
  const lines = parseLines(edits, currency);
  const amount = (text: string) => (text.trim() === "" ? null : parseAmount(text, currency));
  const header = [amount(totals.subtotalMinor), amount(totals.taxMinor), amount(totals.totalMinor)] as const;
  const unreadable = [totals.subtotalMinor, totals.taxMinor, totals.totalMinor].some(
    (text, i) => text.trim() !== "" && header[i] === null,
  );
  if (!lines.ok || unreadable) return null;
  const [subtotalMinor, taxMinor, totalMinor] = header;
  return checkLineArithmetic({ lines: lines.lines, subtotalMinor, taxMinor, totalMinor, currency }, thresholds);
}

/** How many cells a person changed in the grid, counting a line added or removed as one. */
export function countLineEdits(before: readonly LineEdit[], after: readonly LineEdit[]): number {
  let count = 0;
  for (let index = 0; index < Math.max(before.length, after.length); index++) {
    const a = before[index];
    const b = after[index];
    if (!a || !b) count++;
    else count += lineColumns.filter((column) => a[column].trim() !== b[column].trim()).length;
  }
  return count;
}

export const blankLine: LineEdit = { description: "", quantity: "", unitPriceMinor: "", amountMinor: "" };
