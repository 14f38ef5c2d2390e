import { describe, expect, it } from "vitest";

import { canStartPage, pageTimeoutMs, pagesBudgetMs } from "./ocr-plan";

const budgetMs = 120_000;

describe("canStartPage", () => {
  it("always starts a step's first page, however late", () => {
    expect(canStartPage({ pagesDone: 0, elapsedMs: 119_000, slowestMs: 0, budgetMs })).toBe(true);
  });

  it("starts another page while one as slow as the slowest still ends within the pages' share of the budget", () => {
    // 120 s less a tenth for saving and the round trip: 108 s for pages.
    expect(canStartPage({ pagesDone: 3, elapsedMs: 78_000, slowestMs: 30_000, budgetMs })).toBe(true);
  });

  it("stops before a page as slow as the slowest would pass the pages' share of the budget", () => {
    expect(canStartPage({ pagesDone: 3, elapsedMs: 78_001, slowestMs: 30_000, budgetMs })).toBe(false);
  });

  it("sizes batches by the slowest page, not the average", () => {
    // Pages of 5 s, 5 s and 40 s: 50 s gone, so a fourth page of 40 s would end at 90 s, past a 80 s budget.
    expect(canStartPage({ pagesDone: 3, elapsedMs: 50_000, slowestMs: 40_000, budgetMs: 80_000 })).toBe(false);
  });
});

describe("pageTimeoutMs", () => {
  it("gives a page what is left of the pages' share of the budget", () => {
    expect(pageTimeoutMs({ pagesDone: 2, elapsedMs: 90_000, slowestMs: 10_000, budgetMs }, 60_000)).toBe(18_000);
  });

  it("never gives a page more than one page's OCR limit", () => {
    expect(pageTimeoutMs({ pagesDone: 0, elapsedMs: 0, slowestMs: 0, budgetMs: 900_000 }, 60_000)).toBe(60_000);
  });

  it("never gives a page more than the budget, less at least a second for the step around it", () => {
    expect(pageTimeoutMs({ pagesDone: 0, elapsedMs: 500, slowestMs: 0, budgetMs: 10_000 }, 60_000)).toBe(8_500);
    expect(pagesBudgetMs(900_000)).toBe(810_000);
  });
});

/** The batches a document's pages fall into when each page takes the given time: the loop `ocrPagesStep` runs. */
function batches(pageMs: number[], budget: number): number[][] {
  const result: number[][] = [];
  let page = 0;
  while (page < pageMs.length) {
    const batch: number[] = [];
    const progress = { pagesDone: 0, elapsedMs: 0, slowestMs: 0, budgetMs: budget };
    while (page < pageMs.length && canStartPage(progress)) {
      const ms = pageMs[page] ?? 0;
      batch.push(page + 1);
      progress.pagesDone++;
      progress.elapsedMs += ms;
      progress.slowestMs = Math.max(progress.slowestMs, ms);
      page++;
    }
    result.push(batch);
  }
  return result;
}

describe("a document's batches", () => {
  it("keeps every batch within the budget when pages take what the slowest took", () => {
    const pageMs = Array.from({ length: 40 }, () => 9_000);
    const split = batches(pageMs, budgetMs);
    expect(split.flat()).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const batch of split) expect(batch.length * 9_000).toBeLessThanOrEqual(pagesBudgetMs(budgetMs));
    expect(split[0]).toHaveLength(12);
  });

  it("ends the step after a first page that took the whole budget", () => {
    expect(batches([107_000, 5_000, 5_000], 120_000)).toEqual([[1], [2, 3]]);
  });
});
