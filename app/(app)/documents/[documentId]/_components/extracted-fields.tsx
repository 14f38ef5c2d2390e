import { ValueSource } from "@/components/documents/edit-mark";
import { documentClassField, fieldKind, headerFieldNames } from "@/domain/documents/fields";
import type { Extraction, Field } from "@/domain/documents/types";
import type { EditMarks } from "@/domain/tasks/edit-marks";
import { formatMoney } from "@/domain/money";
import { formatBankDetails } from "@/lib/format";
import { fieldHeading } from "../../_components/document-labels";
import { LineItems } from "./line-items";

type Row = { name: string; label: string; field: Field<unknown>; render?: (v: never) => string };

function show(field: Field<unknown>, render?: (v: never) => string): string {
  if (field.value === null) return "—";
  if (render) return render(field.value as never);
  const value = field.value;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The document's class, then every header field in reading order, each rendered by its kind. */
function rowsOf(extraction: Extraction, money: (minor: number) => string): Row[] {
  const documentClass = extraction.documentClass.value;
  const renderers: Partial<Record<ReturnType<typeof fieldKind>, (v: never) => string>> = {
    money,
    bank: formatBankDetails,
  };
  return [
    {
      name: documentClassField,
      label: fieldHeading(documentClassField, documentClass),
      field: extraction.documentClass,
    },
    // A purchase order's own number is its PO number: one row, not two with the same heading.
    ...headerFieldNames
      .filter((name) => !(name === "poNumber" && documentClass === "purchase_order"))
      .map((name): Row => {
        const render = renderers[fieldKind(name)];
        return {
          name,
          label: fieldHeading(name, documentClass),
          field: extraction.fields[name],
          ...(render ? { render } : {}),
        };
      }),
  ];
}

/** What the chain read from the document, with each value's confidence or who typed it, and its line items. */
export function ExtractedFields({
  extraction,
  currency,
  marks = {},
}: {
  extraction: { extraction: Extraction; provider: string; promptVersion: string | null } | undefined;
  currency: string;
  marks?: EditMarks;
}) {
  const money = (minor: number) => formatMoney({ minor, currency });
  const lines = extraction?.extraction.fields.lines ?? [];
  return (
    <section aria-label="Extracted fields" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 font-semibold">
        Extracted fields{" "}
        {extraction ? (
          <span className="text-sm font-normal text-slate-500">
            by {extraction.provider}
            {extraction.promptVersion ? ` · ${extraction.promptVersion}` : ""}
          </span>
        ) : null}
      </h2>
      {extraction ? (
        <dl className="divide-y divide-slate-100 text-sm">
          {rowsOf(extraction.extraction, money).map((row) => (
            // Focusable by id, so a click on the field's box on the page brings the reader here.
            <div
              key={row.name}
              id={`field-${row.name}`}
              tabIndex={-1}
              className="flex items-start justify-between gap-4 rounded py-1.5 focus:bg-sky-50 focus:outline-2 focus:outline-sky-500"
            >
              <dt className="text-slate-500">{row.label}</dt>
              <dd className="flex items-center gap-2 text-right">
                <span className="break-all">{show(row.field, row.render)}</span>
                {row.field.value !== null || marks[row.name] ? (
                  <ValueSource mark={marks[row.name]} confidence={row.field.confidence} />
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-slate-500">Not extracted yet.</p>
      )}
      {lines.length > 0 ? <LineItems lines={lines} money={money} marks={marks} /> : null}
    </section>
  );
}
