import type { DeterministicHints } from "@/ai/deterministic/extract";
import type { ExtractTextOptions, ExtractTextResult } from "@/ai/text";
import { ocrStartOperation } from "@/ai/text/ocr";
import { TimeoutError } from "@/lib/timeout";
import type { ExtractedText, Extraction, TextPage } from "@/domain/documents/types";
import { IntakeError, intakeErrorCodes, type IntakeErrorCode } from "@/intake/errors";
import type { SniffedKind } from "@/intake/sniff";
import { env, type Env } from "@/lib/env";

import { timeoutAsBudget } from "./errors";
import type { RenderPageOptions, RenderedPage } from "@/ai/text/pdf-render";
import type { TicketMail } from "@/ai/text/ticket-mail";
import type { PdfLayers, PdfOptions } from "@/ai/text/pdf";
import type {
  DeterministicJob,
  ExtractTextJob,
  OcrPdfPageJob,
  PdfLayersJob,
  RenderPageJob,
  TicketMailJob,
} from "./jobs";
import { workerLaunch } from "./launch";
import { readPlainTextHere } from "./plain-text";
import { ProcessPool, RemoteError } from "./pool";

export { ParseBudgetError, isParseBudgetError } from "./errors";

export type SandboxSettings = { workers: number; timeoutMs: number; memoryMb: number };

export function sandboxSettings(
  e: Pick<Env, "KEEL_PARSE_WORKERS" | "KEEL_PARSE_TIMEOUT_MS" | "KEEL_PARSE_MEMORY_MB">,
): SandboxSettings {
  return { workers: e.KEEL_PARSE_WORKERS, timeoutMs: e.KEEL_PARSE_TIMEOUT_MS, memoryMb: e.KEEL_PARSE_MEMORY_MB };
}

let shared: { pool: ProcessPool; key: string } | null = null;

/** One pool per process, rebuilt when the settings change (tests that shrink the limits). */
export function documentPool(settings: SandboxSettings): ProcessPool {
  const key = JSON.stringify(settings);
  if (shared?.key === key) return shared.pool;
  void shared?.pool.close();
  const pool = new ProcessPool({
    ...workerLaunch(env().NODE_ENV === "production"),
    size: settings.workers,
    timeoutMs: settings.timeoutMs,
    memoryMb: settings.memoryMb,
    // Heap plus what lives outside it: pdfjs and zlib buffers, the rendered page, Tesseract's WebAssembly memory.
    residentMb: settings.memoryMb * 2,
    keepWarm: 1,
  });
  shared = { pool, key };
  return pool;
}

/** Starts the reader the pool keeps warm, ahead of the first document (a server's start). */
export function warmDocumentPool(settings: SandboxSettings): Promise<void> {
  return documentPool(settings).warm();
}

export async function closeDocumentPool(): Promise<void> {
  const current = shared;
  shared = null;
  await current?.pool.close();
}

/**
 * `extractText` in a document reader process (small plain text, which needs no isolation, here: `plain-text.ts`).
 * Throws IntakeError, ParseBudgetError, or (worth a retry) anything else.
 */
export async function extractTextIsolated(
  bytes: Uint8Array,
  kind: SniffedKind,
  settings: SandboxSettings,
  options?: ExtractTextOptions,
): Promise<ExtractTextResult> {
  const here = readPlainTextHere(bytes, kind);
  if (here) return here;
  const job: ExtractTextJob = { bytes, kind, ...(options ? { options } : {}) };
  return documentPool(settings).run<ExtractTextResult>("extract-text", job).catch(rethrow);
}

/** The deterministic extractor in a document reader process. */
export async function extractDeterministicIsolated(
  text: ExtractedText,
  settings: SandboxSettings,
  hints?: DeterministicHints,
): Promise<Extraction> {
  const job: DeterministicJob = { text, ...(hints ? { hints } : {}) };
  return documentPool(settings).run<Extraction>("extract-deterministic", job).catch(rethrow);
}

/** One page of a PDF as a PNG, rendered in a document reader process: the bytes are as untrusted as at intake. */
export async function renderPdfPageIsolated(
  bytes: Uint8Array,
  page: number,
  settings: SandboxSettings,
  options?: RenderPageOptions,
): Promise<RenderedPage> {
  const job: RenderPageJob = { bytes, page, options: { timeoutMs: settings.timeoutMs, ...options } };
  return documentPool(settings).run<RenderedPage>("render-page", job).catch(rethrow);
}

/** Every page's text layer of a PDF and which pages OCR should read, in a document reader process. */
export async function readPdfLayersIsolated(
  bytes: Uint8Array,
  settings: SandboxSettings,
  options?: PdfOptions,
): Promise<PdfLayers> {
  const job: PdfLayersJob = { bytes, ...(options ? { options } : {}) };
  return documentPool(settings).run<PdfLayers>("read-pdf-layers", job).catch(rethrow);
}

/** Opening the PDF and rendering a page, as `extractPdf` allows (a value import would load pdfjs into the server). */
const pdfOpenTimeoutMs = 30_000;

/**
 * One PDF page rendered and read by OCR in a document reader process, done within `timeoutMs` of this call (the
 * page's share of a step's budget), a reader's start-up included, instead of the pool's limit.
 */
export async function ocrPdfPageIsolated(
  bytes: Uint8Array,
  layer: TextPage,
  settings: SandboxSettings,
  timeoutMs: number,
  options: Omit<PdfOptions, "ocrTimeoutMs" | "timeoutMs"> = {},
): Promise<{ page: TextPage; confidence: number }> {
  const job: OcrPdfPageJob = {
    bytes,
    layer,
    options: { ...options, ocrTimeoutMs: timeoutMs, timeoutMs: Math.min(pdfOpenTimeoutMs, timeoutMs) },
  };
  return documentPool(settings)
    .run<{ page: TextPage; confidence: number }>("ocr-pdf-page", job, { deadline: Date.now() + timeoutMs })
    .catch(rethrow);
}

/** An inbound support email read in a document reader process: its bytes are anyone's. */
export async function parseTicketMailIsolated(bytes: Uint8Array, settings: SandboxSettings): Promise<TicketMail> {
  const job: TicketMailJob = { bytes, timeoutMs: settings.timeoutMs };
  return documentPool(settings).run<TicketMail>("parse-ticket-mail", job).catch(rethrow);
}

/** Turns a worker's error back into Keel's classes, so callers tell "the file" from "the machine" as before. */
function rethrow(error: unknown): never {
  if (!(error instanceof RemoteError)) throw error;
  const remote = error.remote;
  if (remote.name === "IntakeError" && isIntakeCode(remote.code))
    throw new IntakeError(remote.code, remote.message, remote.details ?? {});
  if (remote.name === "TimeoutError" && remote.operation !== undefined && remote.timeoutMs !== undefined) {
    throw timeoutAsBudget(new TimeoutError(remote.operation, remote.timeoutMs), ocrStartOperation);
  }
  // A stack overflow or an allocation that failed inside a parser is the document's doing, and would recur.
  if (remote.name === "RangeError" && /call stack|allocation|array length|buffer/i.test(remote.message)) {
    throw new IntakeError(
      "unreadable",
      "The file is built in a way Keel cannot read (it is nested or sized beyond what a reader handles). Re-save it from the original program and upload it again.",
      { reason: remote.message },
    );
  }
  throw error;
}

function isIntakeCode(code: string | undefined): code is IntakeErrorCode {
  return (intakeErrorCodes as readonly string[]).includes(code ?? "");
}
