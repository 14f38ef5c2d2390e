import { extractDeterministic, type DeterministicHints } from "@/ai/deterministic/extract";
import { extractText, type ExtractTextOptions } from "@/ai/text";
import { ocrPdfPage, readPdfLayers, type PdfOptions } from "@/ai/text/pdf";
import { renderPdfPage, type RenderPageOptions } from "@/ai/text/pdf-render";
import { parseTicketMail } from "@/ai/text/ticket-mail";
import type { ExtractedText, TextPage } from "@/domain/documents/types";
import type { SniffedKind } from "@/intake/sniff";

export type ExtractTextJob = { bytes: Uint8Array; kind: SniffedKind; options?: ExtractTextOptions };
export type DeterministicJob = { text: ExtractedText; hints?: DeterministicHints };
export type RenderPageJob = { bytes: Uint8Array; page: number; options?: RenderPageOptions };
export type PdfLayersJob = { bytes: Uint8Array; options?: PdfOptions };
export type OcrPdfPageJob = { bytes: Uint8Array; layer: TextPage; options?: PdfOptions };
export type TicketMailJob = { bytes: Uint8Array; timeoutMs: number };

/** The jobs a document reader process runs, by name. */
export const documentJobs = {
  "extract-text": (input: ExtractTextJob) => extractText(input.bytes, input.kind, input.options),
  "extract-deterministic": (input: DeterministicJob) => extractDeterministic(input.text, input.hints),
  "render-page": (input: RenderPageJob) => renderPdfPage(input.bytes, input.page, input.options),
  "read-pdf-layers": (input: PdfLayersJob) => readPdfLayers(input.bytes, input.options),
  "ocr-pdf-page": (input: OcrPdfPageJob) => ocrPdfPage(input.bytes, input.layer, input.options),
  "parse-ticket-mail": (input: TicketMailJob) => parseTicketMail(input.bytes, { timeoutMs: input.timeoutMs }),
};
