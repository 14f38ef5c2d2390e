import { beforeAll, describe, expect, it } from "vitest";
import { extractionFieldNames } from "@/domain/documents/fields";
import {
  failureCount,
  fieldStats,
  modelCallStats,
  oldestOpenTaskAgeHours,
  straightThrough,
} from "@/services/monitor/metrics";
import { withKeelDatabase } from "../setup/keel-database";
import {
  extractionWith,
  hours,
  seedCorrection,
  seedDocument,
  seedExtraction,
  seedModelCall,
  seedOutcome,
  seedTask,
} from "./seed";

withKeelDatabase();

const from = new Date("2020-03-02T00:00:00Z");
const to = new Date("2020-03-09T00:00:00Z");
const window = { from, to };
const at = (h: number) => new Date(from.getTime() + hours(h));
const deadline = at(500);

beforeAll(async () => {
  // d1: auto-posted, poNumber empty, vendor name read at 0.5.
  const d1 = await seedDocument({ createdAt: at(1), status: "posted" });
  await seedExtraction(
    d1.id,
    extractionWith({ confidence: 0.9, empty: ["poNumber"], confidences: { vendorName: 0.5 } }),
    at(1),
  );
  await seedOutcome(d1.id, "posted", at(2));

  // d2: posted after a person approved and corrected it; their later extraction is not the machine's.
  const d2 = await seedDocument({ createdAt: at(3), status: "posted" });
  await seedExtraction(d2.id, extractionWith({ confidence: 0.7, empty: ["poNumber", "dueDate"], lines: 0 }), at(3));
  const t2 = await seedTask(d2.id, {
    type: "APPROVE_SPEND",
    createdAt: at(4),
    deadlineAt: deadline,
    status: "resolved",
    resolvedAt: at(5),
    action: "approve",
  });
  await seedCorrection(d2.id, t2.id, ["totalMinor", "lines[0].amountMinor"], at(5));
  await seedExtraction(d2.id, extractionWith({ confidence: 1 }), at(5), "person:reviewer@example.test");
  await seedOutcome(d2.id, "posted", at(6));

  // d3: rejected by a person.
  const d3 = await seedDocument({ createdAt: at(7), status: "rejected" });
  await seedExtraction(d3.id, extractionWith({ confidence: 0.8 }), at(7));
  await seedTask(d3.id, {
    type: "REVIEW_EXTRACTION",
    createdAt: at(8),
    deadlineAt: deadline,
    status: "resolved",
    resolvedAt: at(9),
    action: "reject",
  });
  await seedOutcome(d3.id, "rejected", at(9));

  // d4 failed in the window; d5 was received before it and failed in it; d6 failed, then a replay took it back.
  const d4 = await seedDocument({ createdAt: at(10), status: "failed" });
  await seedOutcome(d4.id, "failed", at(11));
  const d5 = await seedDocument({ createdAt: at(-30), status: "failed" });
  await seedOutcome(d5.id, "failed", at(12));
  const d6 = await seedDocument({ createdAt: at(12), status: "received" });
  await seedOutcome(d6.id, "failed", at(13));

  // d7 posted before the window; d8 posted with only a QA review sampled afterwards.
  const d7 = await seedDocument({ createdAt: at(-50), status: "posted" });
  await seedOutcome(d7.id, "posted", at(-49));
  const d8 = await seedDocument({ createdAt: at(20), status: "posted" });
  await seedOutcome(d8.id, "posted", at(21));
  await seedTask(d8.id, { type: "QA_REVIEW", createdAt: at(22), deadlineAt: deadline, status: "open" });

  // Open tasks: one made at hour 10 (the oldest at hour 34), one made after hour 34.
  await seedTask(d7.id, { type: "APPROVE_SPEND", createdAt: at(10), deadlineAt: deadline });
  await seedTask(d7.id, { type: "REVIEW_EXTRACTION", createdAt: at(50), deadlineAt: deadline });

  await seedModelCall({ documentId: d1.id, at: at(1) });
  await seedModelCall({ documentId: d2.id, at: at(3) });
  await seedModelCall({ documentId: d3.id, at: at(7) });
  await seedModelCall({ documentId: d3.id, at: at(7), outcome: "error", errorClass: "rate_limited" });
  await seedModelCall({ documentId: d4.id, at: at(10), outcome: "invalid_output", errorClass: "schema" });
  // Half-open: a call at the window's end belongs to the next window.
  await seedModelCall({ documentId: d4.id, at: to, outcome: "error", errorClass: "timeout" });
});

describe("the monitor's contract metrics", () => {
  it("straightThrough counts documents posted or rejected in the window, auto-posted when only a QA review touched them", async () => {
    expect(await straightThrough(window)).toEqual({ decided: 4, autoPosted: 2, rate: 0.5 });
  });

  it("failureCount counts documents failed in the window that still stand failed", async () => {
    expect(await failureCount(window)).toBe(2);
  });

  it("modelCallStats counts calls in [from, to) and every call that did not answer in its schema as an error", async () => {
    expect(await modelCallStats(window)).toEqual({ calls: 5, errors: 2, errorRate: 0.4 });
  });

  it("fieldStats reads the machine's latest extraction of documents received in the window, and people's corrections", async () => {
    const stats = await fieldStats(window);
    expect(stats.map((s) => s.field)).toEqual(extractionFieldNames);
    const of = (field: string) => {
      const stat = stats.find((s) => s.field === field);
      if (!stat) throw new Error(`no stat for ${field}`);
      return stat;
    };
    const poNumber = of("poNumber");
    expect(poNumber.documents).toBe(3);
    expect(poNumber.emptyRate).toBeCloseTo(2 / 3, 9);
    expect(poNumber.meanConfidence).toBeCloseTo(0.8, 9);
    expect(poNumber.correctionRate).toBe(0);
    expect(of("dueDate").emptyRate).toBeCloseTo(1 / 3, 9);
    expect(of("vendorName").emptyRate).toBe(0);
    expect(of("vendorName").meanConfidence).toBeCloseTo(2 / 3, 9);
    expect(of("totalMinor").correctionRate).toBeCloseTo(1 / 3, 9);
    const lines = of("lines");
    expect(lines.documents).toBe(3);
    expect(lines.emptyRate).toBeCloseTo(1 / 3, 9);
    expect(lines.meanConfidence).toBeNull();
    expect(lines.correctionRate).toBeCloseTo(1 / 3, 9);
  });

  it("oldestOpenTaskAgeHours measures the oldest task open at the moment asked, in hours", async () => {
    expect(await oldestOpenTaskAgeHours(at(34))).toBe(24);
    expect(await oldestOpenTaskAgeHours(at(5))).toBeNull();
  });

  it("an empty window has no rates: nothing to share is not 0 %", async () => {
    const empty = { from: new Date("2010-01-01T00:00:00Z"), to: new Date("2010-01-08T00:00:00Z") };
    expect(await straightThrough(empty)).toEqual({ decided: 0, autoPosted: 0, rate: null });
    expect(await failureCount(empty)).toBe(0);
    expect(await modelCallStats(empty)).toEqual({ calls: 0, errors: 0, errorRate: null });
    const stats = await fieldStats(empty);
    expect(stats).toHaveLength(extractionFieldNames.length);
    expect(stats.every((s) => s.documents === 0 && s.emptyRate === null && s.correctionRate === null)).toBe(true);
  });
});
