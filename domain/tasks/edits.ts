import {
  documentClassField,
  fieldKind as extractionFieldKind,
  headerFieldNames,
  type DocumentClassField,
  type HeaderFieldName,
} from "../documents/fields";
import { documentClasses, type DocumentClass, type Evidence, type Extraction, type Field } from "../documents/types";
import { isCurrencyCode, parseAmount, toDecimalString } from "../money";
import { fieldLabel } from "../rules/fields";
import {
  applyLines,
  diffLines,
  lineValues,
  parseLines,
  type LineChange,
  type LineEdit,
  type LineValues,
} from "./line-edits";

/** Read-only on the task page: a bank detail change is confirmed by phone, never typed over, and a tax id is not a decision's. */
const readOnlyFields = ["vendorTaxId", "bankDetails"] as const;
type ReadOnlyField = (typeof readOnlyFields)[number];
export type EditableField = DocumentClassField | Exclude<HeaderFieldName, ReadOnlyField>;

const isCorrectable = (name: HeaderFieldName): name is Exclude<HeaderFieldName, ReadOnlyField> =>
  !(readOnlyFields as readonly string[]).includes(name);

/** The header fields a person may correct on a task, in the order the task page shows them; lines have their own grid. */
export const editableFields: readonly [EditableField, ...EditableField[]] = [
  documentClassField,
  ...headerFieldNames.filter(isCorrectable),
];

export type FieldKind = "class" | "money" | "date" | "currency" | "text";

export function fieldKind(field: EditableField): FieldKind {
  if (field === documentClassField) return "class";
  const kind = extractionFieldKind(field);
  return kind === "money" || kind === "date" || kind === "currency" ? kind : "text";
}

/**
 * What the agent proposed or a person decided: strings, amounts in minor units, or null when absent. `lines` is
 * absent on tasks opened before lines were recorded, which then say nothing about them.
 */
export type FieldValues = Record<EditableField, string | number | null> & { lines?: LineValues[] };

/** A person's typed corrections: only the fields they changed, as typed ("" clears a field). */
export type FieldEdits = Partial<Record<EditableField, string>>;

export type HeaderChange = {
  field: EditableField;
  label: string;
  proposed: string | number | null;
  decided: string | number | null;
};

/** A header field or a line that a person changed: what the decision record and the timeline list. */
export type FieldChange = HeaderChange | LineChange;

export function isEditableField(name: string): name is EditableField {
  return (editableFields as readonly string[]).includes(name);
}

function fieldOf(extraction: Extraction, name: EditableField): Field<unknown> {
  return name === "documentClass" ? extraction.documentClass : extraction.fields[name];
}

/** The values on the task page, as the extraction has them. */
export function fieldValues(extraction: Extraction): FieldValues {
  const values = {} as FieldValues;
  for (const name of editableFields) {
    const value = fieldOf(extraction, name).value;
    values[name] = typeof value === "string" || typeof value === "number" ? value : null;
  }
  values.lines = lineValues(extraction.fields.lines);
  return values;
}

/** Each editable field's evidence and confidence: what the page shows beside it, and what a decision records as seen. */
export function fieldEvidence(
  extraction: Extraction,
): { field: EditableField; confidence: number; evidence: Evidence | null }[] {
  return editableFields.map((field) => {
    const f = fieldOf(extraction, field);
    return { field, confidence: f.confidence, evidence: f.evidence };
  });
}

/** A value as a form field shows it: amounts as plain decimals in the document's currency. */
export function formatFieldValue(field: EditableField, value: string | number | null, currency: string | null): string {
  if (value === null) return "";
  if (typeof value === "number" && fieldKind(field) === "money") {
    return currency && isCurrencyCode(currency)
      ? toDecimalString({ minor: value, currency })
      : (value / 100).toFixed(2);
  }
  return String(value);
}

/** Errors by field name, or by a line cell's path (`lines[1].quantity`). */
export type ParsedEdits = { ok: true; values: FieldValues } | { ok: false; errors: Record<string, string> };

/**
 * Applies typed corrections to the current values, and the typed grid of lines in place of the lines when given. Amounts are read in the decided currency (a person may fix the
 * currency and the total together); every problem is reported per field, with what to type instead.
 */
export function parseEdits(current: FieldValues, edits: FieldEdits, lines?: readonly LineEdit[]): ParsedEdits {
  const values: FieldValues = { ...current };
  const errors: Record<string, string> = {};
  const typed = (name: EditableField) => edits[name]?.trim();

  const currency = typed("currency");
  if (currency !== undefined) {
    const code = currency.toUpperCase();
    if (code === "") values.currency = null;
    else if (isCurrencyCode(code)) values.currency = code;
    else errors.currency = "Use a three-letter ISO currency code, such as EUR or USD.";
  }
  const decidedCurrency = typeof values.currency === "string" && !errors.currency ? values.currency : null;

  for (const name of editableFields) {
    const text = typed(name);
    if (text === undefined || name === "currency") continue;
    if (text === "") {
      if (name === "documentClass") errors[name] = "Choose what kind of document this is.";
      else values[name] = null;
      continue;
    }
    switch (fieldKind(name)) {
      case "class":
        if ((documentClasses as readonly string[]).includes(text)) values[name] = text;
        else errors[name] = `Choose one of: ${documentClasses.join(", ")}.`;
        break;
      case "money": {
        if (!decidedCurrency) {
          errors[name] = "Set the currency first, so Keel knows how to read the amount.";
          break;
        }
        const minor = parseAmount(text, decidedCurrency);
        if (minor === null) errors[name] = `Type an amount in ${decidedCurrency}, such as 1,234.50.`;
        else values[name] = minor;
        break;
      }
      case "date":
        if (isIsoDate(text)) values[name] = text;
        else errors[name] = "Type a date as YYYY-MM-DD, such as 2026-03-31.";
        break;
      default:
        if (text.length > 200) errors[name] = "Keep it under 200 characters.";
        else values[name] = text;
    }
  }
  if (lines) {
    const parsed = parseLines(lines, errors.currency ? null : (values.currency as string | null));
    if (parsed.ok) values.lines = parsed.lines;
    else Object.assign(errors, parsed.errors);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** What a person changed: each header field whose decided value differs from the proposed one, then the lines. */
export function diffValues(
  proposed: FieldValues,
  decided: FieldValues,
  documentClass: DocumentClass | null = null,
): FieldChange[] {
  const header = editableFields
    .filter((field) => (proposed[field] ?? null) !== (decided[field] ?? null))
    .map((field) => ({
      field,
      label: fieldLabel(field, documentClass),
      proposed: proposed[field] ?? null,
      decided: decided[field] ?? null,
    }));
  const currency = typeof decided.currency === "string" ? decided.currency : null;
  const lines = proposed.lines && decided.lines ? diffLines(proposed.lines, decided.lines, currency) : [];
  return [...header, ...lines];
}

/**
 * The extraction as a person decided it: changed fields carry the person's value at full confidence and no
 * evidence (the page text no longer supports them); everything else is kept as read.
 */
export function applyValues(extraction: Extraction, decided: FieldValues, by: string): Extraction {
  const changes = diffValues(fieldValues(extraction), decided);
  const next: Extraction = structuredClone(extraction);
  for (const { field, decided: value } of changes) {
    if (!isEditableField(field)) continue;
    const corrected = { value, confidence: 1, evidence: null };
    if (field === "documentClass") next.documentClass = corrected as Field<DocumentClass>;
    else (next.fields as unknown as Record<EditableField, Field<unknown>>)[field] = corrected;
  }
  if (decided.lines) next.fields.lines = applyLines(extraction.fields.lines, decided.lines);
  next.provider = `person:${by}`;
  next.promptVersion = null;
  return next;
}

/** The proposed values a task was opened with; tasks opened before they were recorded have none. */
export function proposedValues(proposed: unknown): FieldValues | null {
  if (typeof proposed !== "object" || proposed === null || !("fields" in proposed)) return null;
  const fields = proposed.fields;
  if (typeof fields !== "object" || fields === null) return null;
  const values = {} as FieldValues;
  for (const name of editableFields) {
    const value = (fields as Record<string, unknown>)[name];
    values[name] = typeof value === "string" || typeof value === "number" ? value : null;
  }
  const lines = (fields as { lines?: unknown }).lines;
  if (Array.isArray(lines)) values.lines = lines as LineValues[];
  return values;
}

/** The evidence that was on screen beside each field, as a decision records it. */
export function evidenceShown(
  extraction: Extraction,
): { field: EditableField; confidence: number; page: number; text: string }[] {
  return fieldEvidence(extraction).flatMap(({ field, confidence, evidence }) =>
    evidence ? [{ field, confidence, page: evidence.page, text: evidence.text }] : [],
  );
}

/**
 * What a task was opened with: the findings that asked for it and the fields as read, so a decision can say what
 * a person changed. A task opened before anything was read carries none of it.
 */
export type TaskProposal =
  Partial<{ findings: string[]; extractionId: string | null; fields: FieldValues | null }> | TicketTaskProposal;

/** What a ticket's task was opened with: the drafted reply and refund, to compare the decided ones against. */
export type TicketTaskProposal = { kind: "ticket"; reply: string; refundMinor: number | null; currency: string | null };
