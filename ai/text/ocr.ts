import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import Tesseract from "tesseract.js";

import type { TextSpan } from "@/domain/documents/types";
import { IntakeError } from "@/intake/errors";
import { imageSize } from "@/intake/image-size";

import { TimeoutError, withTimeout } from "@/lib/timeout";

import { ocrWorkerCount, thisMachine } from "./ocr-capacity";

export type OcrOptions = {
  /** Longest one image may take once it is its turn; the worker is killed and rebuilt after a timeout. */
  timeoutMs?: number;
  /** Pixels per inch of the image when known (rendered PDF pages), so Tesseract need not guess. */
  dpi?: number;
};

/** Text and word boxes in the image's pixels, top-left origin. */
export type OcrResult = { text: string; spans: TextSpan[]; width: number; height: number; confidence: number };

export const defaultOcrTimeoutMs = 60_000;
const startTimeoutMs = 30_000;
/** The one timeout about the machine rather than the document: a busy server may start Tesseract slowly. */
export const ocrStartOperation = "Starting OCR";
const idleMs = 60_000;

/**
 * The LSTM-only "best_int" English model: what tesseract.js would download by default, read from the npm package
 * instead so nothing is ever fetched. Resolved from this module, or from the working directory when a bundler
 * has moved this module away from node_modules.
 */
function englishModelPath(): string {
  const candidates: string[] = [];
  try {
    candidates.push(
      path.join(
        path.dirname(createRequire(import.meta.url).resolve("@tesseract.js-data/eng/index.js")),
        "4.0.0_best_int",
      ),
    );
  } catch {
    // Fall through to the working directory.
  }
  candidates.push(path.join(process.cwd(), "node_modules", "@tesseract.js-data", "eng", "4.0.0_best_int"));
  const found = candidates.find((candidate) => existsSync(path.join(candidate, "eng.traineddata.gz")));
  if (!found)
    throw new Error(
      `OCR language data not found (looked in ${candidates.join(", ")}); is @tesseract.js-data/eng installed?`,
    );
  return found;
}

type Slot = { worker: Promise<Tesseract.Worker> | null; busy: boolean; idleTimer?: NodeJS.Timeout };

const slots: Slot[] = [];
const waiting: ((slot: Slot) => void)[] = [];
let poolSize: number | null = null;

/**
 * Reads an image (PNG, JPEG or PGM bytes) with one of this process's Tesseract workers: as many run side by side as
 * `ocrWorkerCount` allows, and jobs beyond wait their turn in order. A worker starts on first use and stops after a
 * minute idle, since it holds ~100 MB.
 */
export async function ocrImage(image: Uint8Array, options: OcrOptions = {}): Promise<OcrResult> {
  const slot = await acquire();
  try {
    return await recognize(slot, image, options);
  } finally {
    release(slot);
  }
}

/** Sets how many workers run side by side (tests); `null` goes back to what the machine allows. */
export function setOcrWorkers(count: number | null): void {
  poolSize = count;
}

/** Workers started and workers reading right now. */
export function ocrPoolState(): { workers: number; busy: number } {
  return {
    workers: slots.filter((slot) => slot.worker !== null).length,
    busy: slots.filter((slot) => slot.busy).length,
  };
}

/** Stops every worker now (tests, shutdown). The next `ocrImage` starts new ones. */
export async function terminateOcrWorker(): Promise<void> {
  await Promise.all(slots.map((slot) => stopWorker(slot)));
}

/** How many images this process reads side by side. */
export function ocrConcurrency(): number {
  poolSize ??= ocrWorkerCount(thisMachine());
  return poolSize;
}

function acquire(): Promise<Slot> {
  // A slot whose worker is already warm first: starting Tesseract costs more than waiting a moment for it.
  const free = slots
    .slice(0, ocrConcurrency())
    .filter((slot) => !slot.busy)
    .sort((a, b) => Number(b.worker !== null) - Number(a.worker !== null));
  const slot = free[0] ?? (slots.length < ocrConcurrency() ? addSlot() : undefined);
  if (slot) {
    slot.busy = true;
    clearTimeout(slot.idleTimer);
    return Promise.resolve(slot);
  }
  return new Promise((resolve) => waiting.push(resolve));
}

function addSlot(): Slot {
  const slot: Slot = { worker: null, busy: false };
  slots.push(slot);
  return slot;
}

function release(slot: Slot): void {
  const next = waiting.shift();
  if (next) {
    next(slot);
    return;
  }
  slot.busy = false;
  clearTimeout(slot.idleTimer);
  slot.idleTimer = setTimeout(() => void stopWorker(slot), idleMs);
  slot.idleTimer.unref();
}

async function stopWorker(slot: Slot): Promise<void> {
  clearTimeout(slot.idleTimer);
  const current = slot.worker;
  slot.worker = null;
  if (current) await current.then((w) => w.terminate()).catch(() => undefined);
}

async function recognize(slot: Slot, image: Uint8Array, options: OcrOptions): Promise<OcrResult> {
  const stop = () => stopWorker(slot);
  const ready = await withTimeout(ocrStartOperation, startTimeoutMs, startWorker(slot), stop);
  const timeoutMs = options.timeoutMs ?? defaultOcrTimeoutMs;
  const state = { timedOut: false };
  const work = async () => {
    // 0 is Tesseract's "read it from the image"; set on every job because the worker keeps parameters.
    await ready.setParameters({ user_defined_dpi: String(Math.round(options.dpi ?? 0)) });
    // tesseract.js posts a job to a terminated worker from a promise nobody awaits: an unhandled rejection.
    if (state.timedOut) throw new TimeoutError("OCR", timeoutMs);
    return ready.recognize(
      Buffer.from(image.buffer, image.byteOffset, image.byteLength),
      {},
      { blocks: true, text: true },
    );
  };
  const onTimeout = () => {
    state.timedOut = true;
    return stop();
  };
  const result = await withTimeout("OCR", timeoutMs, work(), onTimeout).catch((error: unknown) => {
    if (error instanceof TimeoutError) throw error;
    // Leptonica's words for bytes it cannot decode; anything else is the worker's trouble, worth a retry.
    if (/read image|truncated|unknown format|image file format/i.test(String(error))) {
      throw new IntakeError(
        "unreadable",
        "The image could not be read. Save it again as PNG or JPEG and upload it again.",
        {
          reason: String(error),
        },
      );
    }
    void stop();
    throw error instanceof Error ? error : new Error(`OCR failed: ${String(error)}`);
  });
  return toResult(result.data, imageSize(image));
}

function startWorker(slot: Slot): Promise<Tesseract.Worker> {
  slot.worker ??= Tesseract.createWorker("eng", Tesseract.OEM.LSTM_ONLY, {
    langPath: englishModelPath(),
    gzip: true,
    cacheMethod: "none",
    // Without a handler tesseract.js rethrows a failed job inside its message listener, which kills the process.
    errorHandler: () => undefined,
  }).catch((error: unknown) => {
    slot.worker = null;
    throw error;
  });
  return slot.worker;
}

/** Word boxes read from an image drawn at `scale` of the original, placed back on the original. */
export function unscaleSpans(spans: TextSpan[], scale: number): TextSpan[] {
  if (scale === 1) return spans;
  return spans.map((span) => ({
    ...span,
    box: span.box && {
      x: span.box.x / scale,
      y: span.box.y / scale,
      width: span.box.width / scale,
      height: span.box.height / scale,
    },
  }));
}

function toResult(page: Tesseract.Page, size: { width: number; height: number } | null): OcrResult {
  let text = "";
  const spans: TextSpan[] = [];
  let width = 0;
  let height = 0;
  for (const block of page.blocks ?? []) {
    if (text !== "") text += "\n";
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words.filter((word) => word.text.trim() !== "");
        if (words.length === 0) continue;
        const charWidth = (line.bbox.x1 - line.bbox.x0) / Math.max(1, line.text.length);
        let previous: Tesseract.Word | null = null;
        for (const word of words) {
          // A gap of several characters is a column break; two spaces keep label and value apart from the next column.
          if (previous) text += word.bbox.x0 - previous.bbox.x1 > charWidth * 3 ? "  " : " ";
          const start = text.length;
          text += word.text;
          spans.push({
            text: word.text,
            start,
            end: text.length,
            box: {
              x: word.bbox.x0,
              y: word.bbox.y0,
              width: word.bbox.x1 - word.bbox.x0,
              height: word.bbox.y1 - word.bbox.y0,
            },
          });
          width = Math.max(width, word.bbox.x1);
          height = Math.max(height, word.bbox.y1);
          previous = word;
        }
        text += "\n";
      }
    }
  }
  return {
    text: text.trimEnd(),
    spans,
    width: size?.width ?? width,
    height: size?.height ?? height,
    confidence: page.confidence / 100,
  };
}
