"use client";

import { Confidence, confidenceBand } from "@/components/documents/confidence";
import { EditedBy } from "@/components/documents/edit-mark";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import {
  checkTypedArithmetic,
  lineColumns,
  type LineColumn,
  type LineEdit,
  type TypedTotals,
} from "@/domain/tasks/line-edits";
import { defaultThresholds } from "@/domain/thresholds";
import { linePath } from "@/domain/rules/support";
import { cn } from "@/lib/cn";
import type { FieldErrors } from "@/lib/errors";
import { inputTones, type LineView } from "./field-view";

const columnLabels: Record<LineColumn, string> = {
  description: "Description",
  quantity: "Quantity",
  unitPriceMinor: "Unit price",
  amountMinor: "Amount",
};

/** The rule's own arithmetic on the values as typed, so what clears here clears when the run checks again. */
function LiveCheck({ totals, lines }: { totals: TypedTotals; lines: LineEdit[] }) {
  const findings = checkTypedArithmetic(totals, lines, defaultThresholds);
  return (
    <div role="status" aria-label="Arithmetic check" className="mt-3 rounded-md bg-slate-50 p-2 text-xs">
      {lines.length === 0 ? (
        <p className="text-slate-600">No line items were read. Add them if the document lists them.</p>
      ) : findings === null ? (
        <p className="text-slate-600">The arithmetic is checked once every amount and the currency can be read.</p>
      ) : findings.length === 0 ? (
        <p className="text-emerald-800">
          The arithmetic holds: each line is its quantity × unit price, and the lines make the subtotal and total.
        </p>
      ) : (
        <ul className="space-y-1 text-red-800">
          {findings.map((f) => (
            <li key={f.message}>{f.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Line items as an editable grid: one card a line, so the grid fits the narrow column and a phone alike. */
export function LineItemsGrid({
  read,
  lines,
  totals,
  currency,
  fieldErrors,
  active,
  disabled,
  onChange,
  onAdd,
  onRemove,
  onShow,
  accepted,
}: {
  read: LineView[];
  lines: LineEdit[];
  totals: TypedTotals;
  currency: string | null;
  fieldErrors: FieldErrors;
  active: string | null;
  disabled: boolean;
  onChange: (index: number, column: LineColumn, value: string) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
  onShow: (name: string) => void;
  /** The lines a person accepted with Enter. */
  accepted: ReadonlySet<string>;
}) {
  return (
    <section aria-label="Line items" className="mt-4 border-t border-slate-100 pt-3">
      <h3 className="mb-2 text-sm font-semibold">Line items</h3>
      <ol className="space-y-3">
        {lines.map((line, index) => {
          const seen = read[index];
          const label = `Line ${String(index + 1)}`;
          const errors = lineColumns.flatMap((column) => fieldErrors[linePath(index, column)] ?? []);
          return (
            <li
              key={index}
              aria-label={label}
              className={cn(
                "rounded-md border border-slate-200 p-2",
                seen ? inputTones[confidenceBand(seen.confidence)] : "border-l-4 border-l-slate-300",
                seen && active === seen.name && "ring-2 ring-slate-300",
              )}
            >
              <div className="mb-1 flex items-center gap-2 text-xs font-medium text-slate-600">
                {label}
                {seen ? <Confidence value={seen.confidence} /> : <span>added</span>}
                {seen && accepted.has(seen.name) ? (
                  <span className="font-normal text-emerald-800">Accepted</span>
                ) : seen?.needsPerson ? (
                  <span className="font-normal text-amber-900">Needs a look</span>
                ) : null}
                {seen && seen.evidencePage !== null ? (
                  <button
                    type="button"
                    className="font-normal underline underline-offset-2"
                    onClick={() => onShow(seen.name)}
                  >
                    show
                  </button>
                ) : null}
                <Button
                  variant="ghost"
                  size="sm"
                  className="ml-auto"
                  disabled={disabled}
                  aria-label={`Remove line ${String(index + 1)}`}
                  onClick={() => onRemove(index)}
                >
                  Remove
                </Button>
              </div>
              <div className="grid grid-cols-3 gap-2">
                {lineColumns.map((column) => {
                  const id = `line-${String(index)}-${column}`;
                  const invalid = Boolean(fieldErrors[linePath(index, column)]?.length);
                  const changed = seen ? line[column].trim() !== seen.edit[column].trim() : true;
                  return (
                    <label
                      key={column}
                      className={cn("text-xs text-slate-600", column === "description" && "col-span-3")}
                    >
                      {columnLabels[column]}
                      {column === "unitPriceMinor" || column === "amountMinor"
                        ? currency
                          ? ` (${currency})`
                          : ""
                        : ""}
                      <Input
                        id={id}
                        aria-label={`${label} ${columnLabels[column].toLowerCase()}`}
                        invalid={invalid}
                        describedBy={errors.length ? `line-${String(index)}-errors` : undefined}
                        inputMode={column === "description" ? undefined : "decimal"}
                        className={cn("mt-0.5 px-2 py-1", changed && "bg-amber-50")}
                        value={line[column]}
                        disabled={disabled}
                        onFocus={() => seen && onShow(seen.name)}
                        onChange={(e) => onChange(index, column, e.target.value)}
                      />
                    </label>
                  );
                })}
              </div>
              {seen?.edited && Object.keys(seen.edited).length > 0 ? (
                <p className="mt-1 flex flex-wrap gap-1 text-xs text-slate-600">
                  {lineColumns.map((column) => {
                    const mark = seen.edited?.[column];
                    return mark ? (
                      <span key={column}>
                        {columnLabels[column]}: <EditedBy mark={mark} />
                      </span>
                    ) : null;
                  })}
                </p>
              ) : null}
              {errors.length ? (
                <p id={`line-${String(index)}-errors`} role="alert" className="mt-1 text-xs text-red-700">
                  {errors.join(" ")}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <Button variant="secondary" size="sm" className="mt-2" disabled={disabled} onClick={onAdd}>
        Add a line
      </Button>
      <LiveCheck totals={totals} lines={lines} />
    </section>
  );
}
