import { check, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from "drizzle-orm/pg-core";

import type { TextPage } from "@/domain/documents/types";
import { ocrPlans, type OcrPlan } from "@/domain/documents/ocr-plan";

import { documents } from "./documents";
import { oneOf } from "./one-of";

/**
 * A PDF's pages while its text is read step by step: the text layer of every page, and for the pages that need
 * it what OCR read. Keyed by page so a retried step rewrites the same rows and never redoes a page it saved.
 */
export const documentPages = pgTable(
  "document_pages",
  {
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    page: integer().notNull(),
    layer: jsonb().$type<TextPage>().notNull(),
    /** "ocr": no usable text layer, within the OCR page limit; "skipped": the same, past it; "none": the layer stands. */
    ocrPlan: text().$type<OcrPlan>().notNull(),
    /** Set once OCR has read the page; null until then. */
    ocr: jsonb().$type<TextPage>(),
    ocrConfidence: real(),
    ocrMs: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.documentId, table.page] }),
    check("document_pages_ocr_plan_known", oneOf(table.ocrPlan, ocrPlans)),
  ],
);

export type DocumentPage = typeof documentPages.$inferSelect;
