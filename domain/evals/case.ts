import { z } from "zod";

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
