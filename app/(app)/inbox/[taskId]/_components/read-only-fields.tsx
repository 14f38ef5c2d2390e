"use client";

import { Confidence, confidenceBand } from "@/components/documents/confidence";
import { cn } from "@/lib/cn";
import { inputTones, type FieldView } from "./field-view";

/** Fields shown with their confidence and evidence but not corrected here: bank details, line items. */
export function ReadOnlyFields({
  fields,
  active,
  onShow,
}: {
  fields: FieldView[];
  active: string | null;
  onShow: (name: string) => void;
}) {
  if (fields.length === 0) return null;
  return (
    <dl className="mt-4 space-y-2 border-t border-slate-100 pt-3 text-sm">
      {fields.map((f) => (
        <div
          key={f.name}
          className={cn(
            "rounded-md border-l-4 py-1 pl-2",
            inputTones[confidenceBand(f.confidence)].replace("border-l-4 ", ""),
            active === f.name && "bg-slate-50",
          )}
        >
          <dt className="flex items-center gap-2 text-xs font-medium text-slate-600">
            {f.label} <Confidence value={f.confidence} />
            {f.evidencePage !== null ? (
              <button type="button" className="font-normal underline underline-offset-2" onClick={() => onShow(f.name)}>
                show
              </button>
            ) : null}
          </dt>
          <dd className="text-slate-800">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
