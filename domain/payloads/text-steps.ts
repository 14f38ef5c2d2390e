import { z } from "zod";

/**
 * `extract-text` in process-document: a summary of the stored text (every run before OCR had steps of its own, and
 * documents read in one step since), or the first page OCR steps still have to read. Plain objects, so `in`
 * tells the two apart.
 */
export const extractTextOutputSchema = z.union([
  z.object({ ocrFrom: z.number().int().min(1), pages: z.number().int().min(1) }),
  z.object({ source: z.string(), pages: z.number(), characters: z.number(), attachments: z.array(z.string()) }),
]);

/** `ocr-pages-<first page>`: what one OCR step read; `next` names the next step, null after the last. */
export const pagesReadSchema = z.looseObject({
  first: z.number().int(),
  last: z.number().int(),
  read: z.number().int(),
  next: z.number().int().min(1).nullable(),
  ms: z.number(),
});
