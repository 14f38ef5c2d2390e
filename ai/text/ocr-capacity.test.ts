import { describe, expect, it } from "vitest";

import { ocrWorkerCount, thisMachine } from "./ocr-capacity";

describe("ocrWorkerCount", () => {
  it("runs one worker per core when memory allows", () => {
    expect(ocrWorkerCount({ cores: 2, residentBudgetMb: 4096 })).toBe(2);
    expect(ocrWorkerCount({ cores: 8, residentBudgetMb: 8192 })).toBe(8);
  });

  it("runs fewer than the cores when a reader's memory budget would not hold them", () => {
    // The default reader: 512 MB of heap, twice that resident.
    expect(ocrWorkerCount({ cores: 8, residentBudgetMb: 1024 })).toBe(3);
  });

  it("always runs one, however tight the budget", () => {
    expect(ocrWorkerCount({ cores: 4, residentBudgetMb: 128 })).toBe(1);
  });

  it("reads this machine's cores and heap limit", () => {
    const machine = thisMachine();
    expect(machine.cores).toBeGreaterThanOrEqual(1);
    expect(machine.residentBudgetMb).toBeGreaterThan(64);
  });
});
