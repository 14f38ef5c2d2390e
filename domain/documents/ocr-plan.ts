/** What a PDF page's text layer leaves to OCR: nothing, a reading, or nothing because the OCR page limit is spent. */
export const ocrPlans = ["none", "ocr", "skipped"] as const;
export type OcrPlan = (typeof ocrPlans)[number];

export type BatchProgress = {
  /** Pages this step has read so far. */
  pagesDone: number;
  /** Since the step began, reading the original included. */
  elapsedMs: number;
  /** The longest one page of this step has taken. */
  slowestMs: number;
  budgetMs: number;
};

/**
 * A step reads at least one page, and starts another only when a page as slow as the slowest so far would still
 * end within the budget: the next step begins with the page this one left.
 */
export function canStartPage(progress: BatchProgress): boolean {
  if (progress.pagesDone === 0) return true;
  return progress.elapsedMs + progress.slowestMs <= pagesBudgetMs(progress.budgetMs);
}

/**
 * The share of a step's budget its pages may use: the rest (a tenth, at least a second) is for what surrounds
 * them, saving the last page, the timeline line, the SDK and the engine's round trip.
 */
export function pagesBudgetMs(budgetMs: number): number {
  return budgetMs - Math.max(1_000, budgetMs / 10);
}

/**
 * How long the next page may take: what is left of the budget, and never more than one page's OCR limit, so no
 * page carries its step past the budget. A first page that cannot finish in it fails the attempt (the step retries) instead of looping forever.
 */
export function pageTimeoutMs(progress: BatchProgress, ocrTimeoutMs: number): number {
  return Math.max(1, Math.min(ocrTimeoutMs, pagesBudgetMs(progress.budgetMs) - progress.elapsedMs));
}
