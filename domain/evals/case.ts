import { z } from "zod";
import type { DocumentClassField, HeaderFieldName } from "../documents/fields";

/**
 * A frozen eval case: a document's text and the values a person confirmed for its fields. Promoted corrections are
 * stored in the database and exported as `evals/cases/<id>.json`; `npm run eval` scores every such file.
 */
export const evalCaseSchema = z.object({
  version: z.literal(1),
  // Also the file name in evals/cases/, so it stays a safe path segment.
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  source: z.enum(["promoted"]),
  filename: z.string(),
  text: z.object({
    source: z.string(),
    pages: z.array(z.object({ page: z.number().int().positive(), text: z.string() })),
  }),
  // Extraction field name (domain/documents/fields.ts) → expected value as text; null = the document has none.
  expected: z.record(z.string(), z.string().nullable()),
  documentId: z.uuid().optional(),
  taskId: z.uuid().optional(),
  // The admin's email.
  promotedBy: z.string(),
  // ISO 8601.
  promotedAt: z.string(),
});

export type EvalCase = z.infer<typeof evalCaseSchema>;

/**
 * The fields a case may expect: the document's class and the header fields that hold one plain value (bank
 * details and lines are structured and are scored by the fixtures' own expectations instead).
 */
export const evalCaseFields = [
  "documentClass",
  "vendorName",
  "vendorTaxId",
  "documentNumber",
  "poNumber",
  "issueDate",
  "dueDate",
  "currency",
  "subtotalMinor",
  "taxMinor",
  "totalMinor",
  "paymentTerms",
] as const satisfies readonly (DocumentClassField | HeaderFieldName)[];
export type EvalCaseField = (typeof evalCaseFields)[number];

export function isEvalCaseField(name: string): name is EvalCaseField {
  return (evalCaseFields as readonly string[]).includes(name);
}

/**
 * A field's value as a case file writes it: text as read, dates ISO yyyy-mm-dd, amounts as integer minor units
 * ("168545" for 1,685.45), the class by its name; null when the document has none. Promotion writes a decided value
 * through this, and scoring reads an extracted one through it, so both sides agree on the form.
 */
export function evalValueText(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}
