"use client";

import { Confidence, confidenceBand } from "@/components/documents/confidence";
import { EditedBy } from "@/components/documents/edit-mark";
import { describe, Field, Input, Select } from "@/components/ui/field";
import { documentClassLabels } from "@/app/(app)/documents/_components/document-labels";
import { cn } from "@/lib/cn";
import type { FieldErrors } from "@/lib/errors";
import { inputTones, type FieldView } from "./field-view";

type FocusRef = (element: HTMLInputElement | HTMLSelectElement | null) => void;

/** One editable field: coloured by confidence, tinted once changed, with what it was and where its evidence is. */
function EditableField({
  field: f,
  value,
  onChange,
  errors,
  active,
  disabled,
  multiPage,
  onShow,
  inputRef,
  accepted,
}: {
  field: FieldView;
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
  active: boolean;
  disabled: boolean;
  multiPage: boolean;
  onShow: () => void;
  inputRef: FocusRef | undefined;
  accepted: boolean;
}) {
  const id = `field-${f.name}`;
  const changed = value.trim() !== f.value.trim();
  const common = {
    ...describe(id, errors),
    disabled,
    onFocus: onShow,
    "data-confidence": confidenceBand(f.confidence),
    className: cn(
      f.value === "" ? "border-l-4 border-l-slate-300" : inputTones[confidenceBand(f.confidence)],
      changed && "bg-amber-50",
      active && "ring-2 ring-slate-300",
    ),
  };
  return (
    <Field id={id} label={f.label} errors={errors}>
      <div className="flex items-center gap-2">
        {f.kind === "class" ? (
          <Select {...common} ref={inputRef} value={value} onChange={(e) => onChange(e.target.value)}>
            {f.value === "" ? <option value="">Unknown — choose</option> : null}
            {Object.entries(documentClassLabels).map(([option, label]) => (
              <option key={option} value={option}>
                {label}
              </option>
            ))}
          </Select>
        ) : (
          <Input
            {...common}
            ref={inputRef}
            inputMode={f.kind === "money" ? "decimal" : undefined}
            placeholder={f.kind === "date" ? "YYYY-MM-DD" : f.kind === "currency" ? "EUR" : "—"}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
        {f.suffix ? <span className="text-xs text-slate-500">{f.suffix}</span> : null}
        {f.edited ? <EditedBy mark={f.edited} /> : f.value !== "" ? <Confidence value={f.confidence} /> : null}
      </div>
      <p className="text-xs text-slate-500">
        {accepted ? <span className="text-emerald-800">Accepted. </span> : null}
        {f.needsPerson && !accepted && !changed ? <span className="text-amber-900">Needs a look. </span> : null}
        {changed ? <span className="text-amber-900">Was {f.value === "" ? "empty" : `“${f.value}”`}. </span> : null}
        {f.evidencePage !== null ? (
          <button type="button" className="underline underline-offset-2" onClick={onShow}>
            {multiPage ? `Show on page ${String(f.evidencePage)}` : "Show in the text"}
          </button>
        ) : f.value !== "" ? (
          "Not marked in the text."
        ) : (
          "Not found in the document."
        )}
      </p>
    </Field>
  );
}

/** The editable fields; the first takes `firstRef` so a key can bring the focus to it. */
export function FieldEditor({
  fields,
  values,
  onChange,
  fieldErrors,
  active,
  disabled,
  multiPage,
  onShow,
  onPoint,
  firstRef,
  accepted,
}: {
  fields: FieldView[];
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
  fieldErrors: FieldErrors;
  active: string | null;
  disabled: boolean;
  multiPage: boolean;
  onShow: (name: string) => void;
  /** The pointer rests on a field: its box on the page lights up, without scrolling anything. */
  onPoint?: (name: string) => void;
  firstRef: FocusRef;
  /** The fields a person accepted with Enter. */
  accepted: ReadonlySet<string>;
}) {
  return (
    <div className="space-y-3">
      {fields.map((f, index) => (
        <div key={f.name} onMouseEnter={() => onPoint?.(f.name)}>
          <EditableField
            field={f}
            value={values[f.name] ?? ""}
            onChange={(value) => onChange(f.name, value)}
            errors={fieldErrors[f.name]}
            active={active === f.name}
            disabled={disabled}
            multiPage={multiPage}
            onShow={() => onShow(f.name)}
            inputRef={index === 0 ? firstRef : undefined}
            accepted={accepted.has(f.name)}
          />
        </div>
      ))}
    </div>
  );
}
