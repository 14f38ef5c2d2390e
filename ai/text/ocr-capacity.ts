import os from "node:os";
import v8 from "node:v8";

/** What one Tesseract worker holds: its WebAssembly heap, the model, and the image it is reading. */
export const ocrWorkerMb = 200;
/** What the rest of a reader process holds: Node itself, pdfjs, the decoded image before it is handed over. */
const processReserveMb = 350;

/**
 * How many Tesseract workers a process runs side by side: one per core, as many as its memory allows. A document
 * reader may hold twice its heap limit resident (`ai/sandbox`), so that is the budget the workers share.
 */
export function ocrWorkerCount(machine: { cores: number; residentBudgetMb: number }): number {
  const fit = Math.floor((machine.residentBudgetMb - processReserveMb) / ocrWorkerMb);
  return Math.max(1, Math.min(machine.cores, fit));
}

/** This process's cores and memory budget, as `ocrWorkerCount` takes them. */
export function thisMachine(): { cores: number; residentBudgetMb: number } {
  const heapMb = v8.getHeapStatistics().heap_size_limit / (1024 * 1024);
  return { cores: os.availableParallelism(), residentBudgetMb: heapMb * 2 };
}
