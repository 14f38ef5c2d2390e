import { TimeoutError } from "@/lib/timeout";

export type BudgetKind = "time" | "memory";

/**
 * Reading a document blew its budget of time or memory and its reader was killed. The same bytes would do it
 * again, so the pipeline fails the document for good instead of retrying.
 */
export class ParseBudgetError extends Error {
  readonly kind: BudgetKind;
  readonly limit: number;
  constructor(kind: BudgetKind, limit: number, message?: string) {
    super(message ?? budgetMessage(kind, limit));
    this.name = "ParseBudgetError";
    this.kind = kind;
    this.limit = limit;
  }
}

export function isParseBudgetError(error: unknown): error is ParseBudgetError {
  return error instanceof ParseBudgetError;
}

function budgetMessage(kind: BudgetKind, limit: number): string {
  if (kind === "time") {
    return `Reading the document took longer than ${formatSeconds(limit)}, the limit for one document, so Keel stopped. Split it into smaller files or re-save it from the original program (scans at 200–300 dpi), and upload it again.`;
  }
  return `Reading the document needed more than ${String(limit)} MB of memory, the limit for one document, so Keel stopped. Split it into smaller files or re-save it from the original program, and upload it again.`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${String(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A timeout inside the reader is the document's own time budget, except waiting for OCR to start, which is the machine's. */
export function timeoutAsBudget(error: TimeoutError, startOperation: string): ParseBudgetError | TimeoutError {
  if (error.operation === startOperation) return error;
  return new ParseBudgetError(
    "time",
    error.timeoutMs,
    `${error.operation} took longer than ${formatSeconds(error.timeoutMs)}, the limit, so Keel stopped reading the document. Split it into smaller files or re-save it from the original program, and upload it again.`,
  );
}
