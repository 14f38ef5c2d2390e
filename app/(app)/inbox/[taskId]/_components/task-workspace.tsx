"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { Confidence, confidenceBand, type ConfidenceBand } from "@/components/documents/confidence";
import { Button } from "@/components/ui/button";
import { describe, Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { FieldErrors } from "@/lib/errors";
import { cn } from "@/lib/cn";
import type { Segment } from "@/lib/highlight";
import { decideTask, type DecideInput } from "../../actions";
import { ConfirmSpend, type SpendSummary } from "../../_components/confirm-spend";

type Permission = { allowed: true } | { allowed: false; reason: string };

export type FieldView = {
  name: string;
  label: string;
  kind: "class" | "money" | "date" | "currency" | "text";
  value: string;
  /** Shown beside the value, e.g. "USD" for an amount. */
  suffix: string | null;
  confidence: number;
  evidencePage: number | null;
};

export type PageView = { page: number; segments: Segment[] };

const classOptions = [
  ["invoice", "Invoice"],
  ["purchase_order", "Purchase order"],
  ["quote", "Quote"],
  ["price_change", "Price change"],
  ["bank_detail_change", "Bank detail change"],
  ["other", "Other"],
] as const;

const markTones: Record<ConfidenceBand, string> = {
  low: "bg-red-100 text-red-950",
  medium: "bg-amber-100 text-amber-950",
  high: "bg-emerald-100 text-emerald-950",
};

const inputTones: Record<ConfidenceBand, string> = {
  low: "border-l-4 border-l-red-500",
  medium: "border-l-4 border-l-amber-400",
  high: "border-l-4 border-l-emerald-500",
};

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * The document with each field's evidence marked, the fields beside it coloured by confidence and editable, and the
 * decision. Focusing a field brings its evidence into view; pointing at evidence lights up its field.
 */
export function TaskWorkspace({
  taskId,
  extractionId,
  fields,
  readOnly,
  pages,
  source,
  approve,
  reject,
  editing,
  startEditing = false,
  more,
  spend = null,
}: {
  taskId: string;
  extractionId: string | null;
  fields: FieldView[];
  /** Shown beside the fields with their confidence and evidence, not edited here: bank details, line items. */
  readOnly: FieldView[];
  pages: PageView[];
  source: string;
  approve: Permission;
  reject: Permission;
  /** Whether this kind of task takes corrections at all. */
  editing: Permission;
  /** Opened with "e" from the inbox: the first field has the focus. */
  startEditing?: boolean;
  /** Further actions shown under the decision, such as asking the vendor. */
  more?: ReactNode;
  /** Set when approving commits money: `a` then asks first, and corrections are saved for someone else to approve. */
  spend?: SpendSummary | null;
}) {
  const initial = Object.fromEntries(fields.map((f) => [f.name, f.value]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [active, setActive] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();
  const router = useRouter();
  const notify = useToast();
  const firstField = useRef<HTMLInputElement | HTMLSelectElement | null>(null);
  const reasonInput = useRef<HTMLInputElement | null>(null);

  const edits = Object.fromEntries(Object.entries(values).filter(([name, value]) => value.trim() !== (initial[name] ?? "").trim()));
  const edited = Object.keys(edits).length > 0;
  const shown = [...fields, ...readOnly];
  const labels = Object.fromEntries(shown.map((f) => [f.name, f.label]));
  const confidences = Object.fromEntries(shown.map((f) => [f.name, f.confidence]));

  const run = (input: DecideInput) => {
    start(async () => {
      const result = await decideTask(input);
      if (result.ok) {
        if (result.data.correctedOnly) {
          notify({ title: "Corrections saved", description: "You corrected the fields, so someone else must approve this spend.", tone: "success" });
          router.refresh();
        } else if (result.data.resolved) router.push("/inbox");
        else {
          notify({ title: "Approved", description: "A second approver must confirm before it is final.", tone: "success" });
          router.refresh();
        }
        return;
      }
      setFieldErrors(result.fieldErrors ?? {});
      setError(result.message);
    });
  };
  const approveNow = () => {
    if (!approve.allowed || pending) return;
    if (edited && extractionId) run({ taskId, action: "edit_and_approve", extractionId, edits });
    else run({ taskId, action: "approve", ...(extractionId ? { extractionId } : {}) });
  };
  const rejectNow = () => {
    run({ taskId, action: "reject", reason, ...(extractionId ? { extractionId } : {}) });
  };

  // One key must not move money: on spend, `a` asks first. Saving corrections approves nothing, so it does not ask.
  const approveKey = () => {
    if (spend && !edited && approve.allowed && !pending) setConfirming(true);
    else approveNow();
  };

  const latest = useRef({ approveKey, confirming });
  latest.current = { approveKey, confirming };
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (typing(event.target) || event.metaKey || event.ctrlKey || event.altKey || latest.current.confirming) return;
      if (event.key === "a") latest.current.approveKey();
      else if (event.key === "r") reasonInput.current?.focus();
      else if (event.key === "e") firstField.current?.focus();
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
    };
  }, []);

  useEffect(() => {
    if (startEditing) firstField.current?.focus();
  }, [startEditing]);

  const focusField = (name: string) => {
    setActive(name);
    document.getElementById(`evidence-${name}`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  };
  const fieldErrorList = Object.entries(fieldErrors).filter(([name]) => name in labels);

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
      <section aria-label="Document" className="min-w-0 rounded-lg border border-slate-200 bg-white">
        <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold">
          Document <span className="font-normal text-slate-500">· {source}</span>
        </h2>
        {pages.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">No text was read from this document; open the original to check the fields.</p>
        ) : (
          <div className="max-h-[70vh] overflow-auto p-4">
            {pages.map((page) => (
              <div key={page.page} className="mb-4">
                {pages.length > 1 ? <p className="mb-1 text-xs font-medium text-slate-500">Page {page.page}</p> : null}
                <pre className="whitespace-pre-wrap break-words font-mono text-xs leading-5 text-slate-800">
                  {page.segments.map((segment, i) =>
                    segment.mark ? (
                      <mark
                        key={i}
                        id={`evidence-${segment.mark}`}
                        data-field={segment.mark}
                        title={labels[segment.mark]}
                        onMouseEnter={() => setActive(segment.mark)}
                        onClick={() => document.getElementById(`field-${segment.mark ?? ""}`)?.focus()}
                        className={cn(
                          "cursor-pointer rounded-sm px-0.5",
                          markTones[confidenceBand(confidences[segment.mark] ?? 0)],
                          active === segment.mark && "outline-2 outline-offset-1 outline-slate-900",
                        )}
                      >
                        {segment.text}
                      </mark>
                    ) : (
                      <span key={i}>{segment.text}</span>
                    ),
                  )}
                </pre>
              </div>
            ))}
          </div>
        )}
      </section>

      <div className="space-y-4 self-start">
        <section aria-label="Fields" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-1 font-semibold">Fields</h2>
          <p className="mb-3 text-xs text-slate-500">
            {editing.allowed
              ? "Coloured by confidence. Correct what is wrong, then approve; the original values are kept in the decision record."
              : `Coloured by confidence. ${editing.reason}`}
          </p>
          <div className="space-y-3">
            {fields.map((f, index) => {
              const id = `field-${f.name}`;
              const errors = fieldErrors[f.name];
              const changed = (values[f.name] ?? "").trim() !== f.value.trim();
              const common = {
                ...describe(id, errors),
                disabled: !approve.allowed || !editing.allowed || pending,
                onFocus: () => focusField(f.name),
                "data-confidence": confidenceBand(f.confidence),
                className: cn(f.value === "" ? "border-l-4 border-l-slate-300" : inputTones[confidenceBand(f.confidence)], changed && "bg-amber-50", active === f.name && "ring-2 ring-slate-300"),
              };
              return (
                <Field key={f.name} id={id} label={f.label} errors={errors}>
                  <div className="flex items-center gap-2">
                    {f.kind === "class" ? (
                      <Select
                        {...common}
                        ref={index === 0 ? (el) => void (firstField.current = el) : undefined}
                        value={values[f.name] ?? ""}
                        onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                      >
                        {f.value === "" ? <option value="">Unknown — choose</option> : null}
                        {classOptions.map(([value, label]) => (
                          <option key={value} value={value}>
                            {label}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <Input
                        {...common}
                        ref={index === 0 ? (el) => void (firstField.current = el) : undefined}
                        inputMode={f.kind === "money" ? "decimal" : undefined}
                        placeholder={f.kind === "date" ? "YYYY-MM-DD" : f.kind === "currency" ? "EUR" : "—"}
                        value={values[f.name] ?? ""}
                        onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                      />
                    )}
                    {f.suffix ? <span className="text-xs text-slate-500">{f.suffix}</span> : null}
                    {f.value !== "" ? <Confidence value={f.confidence} /> : null}
                  </div>
                  <p className="text-xs text-slate-500">
                    {changed ? (
                      <span className="text-amber-900">Was {f.value === "" ? "empty" : `“${f.value}”`}. </span>
                    ) : null}
                    {f.evidencePage !== null ? (
                      <button type="button" className="underline underline-offset-2" onClick={() => focusField(f.name)}>
                        {pages.length > 1 ? `Show on page ${String(f.evidencePage)}` : "Show in the text"}
                      </button>
                    ) : f.value !== "" ? (
                      "Not marked in the text."
                    ) : (
                      "Not found in the document."
                    )}
                  </p>
                </Field>
              );
            })}
          </div>
          {readOnly.length > 0 ? (
            <dl className="mt-4 space-y-2 border-t border-slate-100 pt-3 text-sm">
              {readOnly.map((f) => (
                <div key={f.name} className={cn("rounded-md border-l-4 py-1 pl-2", inputTones[confidenceBand(f.confidence)].replace("border-l-4 ", ""), active === f.name && "bg-slate-50")}>
                  <dt className="flex items-center gap-2 text-xs font-medium text-slate-600">
                    {f.label} <Confidence value={f.confidence} />
                    {f.evidencePage !== null ? (
                      <button type="button" className="font-normal underline underline-offset-2" onClick={() => focusField(f.name)}>
                        show
                      </button>
                    ) : null}
                  </dt>
                  <dd className="text-slate-800">{f.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </section>

        <section aria-label="Decision" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">Decision</h2>
          {error ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
          {fieldErrorList.length > 0 ? (
            <ul className="list-disc pl-5 text-xs text-red-800">
              {fieldErrorList.map(([name, messages]) => (
                <li key={name}>
                  {labels[name]}: {messages.join(" ")}
                </li>
              ))}
            </ul>
          ) : null}
          <div>
            <Button disabled={pending || !approve.allowed} onClick={approveNow}>
              {!edited ? "Approve" : spend ? `Save ${String(Object.keys(edits).length)} correction(s); someone else approves` : `Save ${String(Object.keys(edits).length)} correction(s) and approve`}
            </Button>
            {edited ? (
              <Button variant="ghost" className="ml-2" disabled={pending} onClick={() => setValues(initial)}>
                Undo corrections
              </Button>
            ) : null}
            {!approve.allowed ? <p className="mt-1 text-xs text-slate-600">{approve.reason}</p> : null}
          </div>
          <div className="border-t border-slate-100 pt-4">
            <Field id="reason" label="Reason for rejecting" errors={fieldErrors.reason}>
              <Input
                {...describe("reason", fieldErrors.reason)}
                ref={reasonInput}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                disabled={!reject.allowed}
              />
            </Field>
            <Button className="mt-2" variant="danger" disabled={pending || !reject.allowed} onClick={rejectNow}>
              Reject
            </Button>
            {!reject.allowed ? <p className="mt-1 text-xs text-slate-600">{reject.reason}</p> : null}
          </div>
          {more ? <div className="border-t border-slate-100 pt-4">{more}</div> : null}
          <ConfirmSpend
            spend={confirming ? spend : null}
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              approveNow();
            }}
          />
          <p className="text-xs text-slate-500">
            Keyboard: <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>e</kbd> edit the fields
          </p>
        </section>
      </div>
    </div>
  );
}
