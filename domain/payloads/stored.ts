import { z } from "zod";
import { documentClasses } from "@/domain/documents/types";
import { taskTypes } from "@/domain/task-types";

/**
 * The JSON Keel stores in jsonb columns and reads back: rows written by every version that ever shipped are still
 * in the database. Objects are loose, so a key a newer version wrote survives a read by an older one.
 */

const pageBoxSchema = z.looseObject({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

const evidenceSchema = z.looseObject({
  page: z.number(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  // Outlines on the page, computed when the extraction is stored (added in 7dc4b40; older extractions have none).
  boxes: z.array(pageBoxSchema).optional(),
});

function fieldSchema<T extends z.ZodType>(value: T) {
  return z.looseObject({ value: value.nullable(), confidence: z.number(), evidence: evidenceSchema.nullable() });
}

const bankDetailsSchema = z.looseObject({
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  accountNumber: z.string().nullable(),
  sortCode: z.string().nullable(),
  accountName: z.string().nullable(),
});

const lineItemSchema = z.looseObject({
  description: fieldSchema(z.string()),
  quantity: fieldSchema(z.number()),
  unitPriceMinor: fieldSchema(z.number()),
  amountMinor: fieldSchema(z.number()),
  sku: fieldSchema(z.string()).optional(),
});

/** `extractions.extraction`: what the extractor read. */
export const extractionSchema = z.looseObject({
  documentClass: fieldSchema(z.enum(documentClasses)),
  fields: z.looseObject({
    vendorName: fieldSchema(z.string()),
    vendorTaxId: fieldSchema(z.string()),
    documentNumber: fieldSchema(z.string()),
    poNumber: fieldSchema(z.string()),
    issueDate: fieldSchema(z.string()),
    dueDate: fieldSchema(z.string()),
    currency: fieldSchema(z.string()),
    subtotalMinor: fieldSchema(z.number()),
    taxMinor: fieldSchema(z.number()),
    totalMinor: fieldSchema(z.number()),
    paymentTerms: fieldSchema(z.string()),
    bankDetails: fieldSchema(bankDetailsSchema),
    lines: z.array(lineItemSchema),
  }),
  provider: z.string(),
  promptVersion: z.string().nullable(),
});

export const findingSchema = z.looseObject({
  rule: z.string(),
  severity: z.enum(["info", "warning", "error"]),
  message: z.string(),
  fields: z.array(z.string()),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** `extractions.findings`. */
export const findingsSchema = z.array(findingSchema);

/** `extractions.risk`. */
export const riskSchema = z.looseObject({
  score: z.number(),
  level: z.enum(["low", "medium", "high"]),
  reasons: z.array(z.string()),
  reversible: z.boolean(),
});

/** `documents.route`, also inside the `check-rules` step's output. */
export const routeSchema = z.discriminatedUnion("kind", [
  z.looseObject({ kind: z.literal("auto_post") }),
  z.looseObject({
    kind: z.literal("task"),
    taskType: z.enum(taskTypes),
    reasons: z.array(z.string()),
    deadlineHours: z.number(),
  }),
]);

const lineValuesSchema = z.looseObject({
  description: z.string().nullable(),
  quantity: z.number().nullable(),
  unitPriceMinor: z.number().nullable(),
  amountMinor: z.number().nullable(),
});

/** A task's field values as read or decided; line values were added with the line grid. */
const fieldValuesSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.null(), z.array(lineValuesSchema)]))
  .refine((values) => values.lines === undefined || Array.isArray(values.lines), {
    message: "lines must be a list of line values",
  });

/** `tasks.proposed`: what a task was opened with; a task opened before anything was read carries none of it. */
export const taskProposedSchema = z.looseObject({
  findings: z.array(z.string()).optional(),
  extractionId: z.string().nullable().optional(),
  fields: fieldValuesSchema.nullable().optional(),
});

/** `tasks.decided`: the fields as the person decided them. */
export const taskDecidedSchema = fieldValuesSchema;

const spanSchema = z.looseObject({
  text: z.string(),
  start: z.number(),
  end: z.number(),
  box: pageBoxSchema.optional(),
});

/** `document_texts.text`: the text read from a document, with positions where the format gives them. */
export const extractedTextSchema = z.looseObject({
  source: z.enum(["pdf-text", "ocr", "email", "csv", "xlsx", "text"]),
  pages: z.array(
    z.looseObject({
      page: z.number(),
      text: z.string(),
      spans: z.array(spanSchema),
      width: z.number().optional(),
      height: z.number().optional(),
    }),
  ),
  warnings: z.array(z.string()),
});

/** A field a person changed, as a decision records it (`tasks.parameters.changes`, the fields-edited audit entry). */
const fieldChangeSchema = z.looseObject({
  field: z.string(),
  label: z.string(),
  proposed: z.union([z.string(), z.number(), z.null()]),
  decided: z.union([z.string(), z.number(), z.null()]),
});

/**
 * `tasks.parameters`: what the deciding action carried. Every key is optional, since which ones are there depends
 * on the action (`domain/tasks/actions.ts`) and on whether four eyes collected approvers.
 */
export const taskParametersSchema = z.looseObject({
  extractionId: z.string().nullable().optional(),
  changes: z.array(fieldChangeSchema).optional(),
  shown: z
    .array(z.looseObject({ field: z.string(), confidence: z.number(), page: z.number(), text: z.string() }))
    .optional(),
  approvers: z.array(z.string()).optional(),
  reason: z.string().optional(),
  edits: z.record(z.string(), z.string()).optional(),
  to: z.string().optional(),
  subject: z.string().optional(),
  body: z.string().optional(),
});

/** `audit_log.after` of `task.fields_edited`, read back for the marks on corrected values and eval promotion. */
export const fieldsEditedAuditSchema = z.looseObject({
  changes: z.array(fieldChangeSchema).optional(),
  voidedApprovals: z.array(z.string()).optional(),
});

/** `purchase_orders.lines`. */
export const purchaseOrderLinesSchema = z.array(
  z.looseObject({
    description: z.string(),
    sku: z.string().nullable(),
    quantity: z.number(),
    unitPriceMinor: z.number(),
    amountMinor: z.number(),
  }),
);
