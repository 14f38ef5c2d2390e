import { beforeAll, describe, expect, it } from "vitest";
import { saveExchangeRates } from "@/db/queries/exchange-rates";
import { loadMonitor } from "@/services/monitor/dashboard";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";
import {
  extractionWith,
  hours,
  seedCorrection,
  seedDocument,
  seedExtraction,
  seedHandling,
  seedModelCall,
  seedOutcome,
  seedTask,
} from "./seed";

withKeelDatabase();

// A week of days, Monday 2019-06-03 to Sunday 2019-06-09; the baseline is the week before.
const from = new Date("2019-06-03T00:00:00Z");
const to = new Date("2019-06-10T00:00:00Z");
const at = (day: number, hour = 0) => new Date(from.getTime() + hours(day * 24 + hour));
const later = at(30);

beforeAll(async () => {
  const [ana, ben] = [await makeUser(), await makeUser()];
  // The rate starts on the period's first day: the period is priced in EUR, the baseline lacks a rate.
  await saveExchangeRates([{ currency: "USD", rate: "1.25", effectiveFrom: "2019-06-03" }], {
    id: null,
    label: "test",
  });

  // A: Acme invoice, auto-posted on day 0, poNumber empty; one good Anthropic call worth US$1.00.
  const a = await seedDocument({
    createdAt: at(0, 10),
    status: "posted",
    vendorName: "Acme",
    documentClass: "invoice",
  });
  await seedExtraction(a.id, extractionWith({ confidence: 0.9, empty: ["poNumber"] }), at(0, 10));
  await seedModelCall({
    documentId: a.id,
    at: at(0, 10),
    latencyMs: 200,
    inputTokens: 100,
    outputTokens: 50,
    cachedTokens: 10,
    costMicros: 1_000_000,
  });
  await seedOutcome(a.id, "posted", at(0, 12));

  // B: Acme invoice approved by two people (15 min in all) after the model fell back to the deterministic extractor.
  const b = await seedDocument({ createdAt: at(1, 9), status: "posted", vendorName: "Acme", documentClass: "invoice" });
  await seedExtraction(b.id, extractionWith({ confidence: 0.8 }), at(1, 9));
  await seedModelCall({
    documentId: b.id,
    at: at(1, 9),
    outcome: "error",
    errorClass: "rate_limited",
    latencyMs: 1000,
  });
  await seedModelCall({
    documentId: b.id,
    at: at(1, 9),
    provider: "deterministic",
    model: "deterministic",
    promptVersion: null,
    latencyMs: 50,
  });
  const tb = await seedTask(b.id, {
    type: "APPROVE_SPEND",
    createdAt: at(1, 10),
    deadlineAt: later,
    status: "resolved",
    resolvedAt: at(2, 9),
    action: "approve",
  });
  await seedHandling(tb.id, ana.id, 600_000, at(1, 11));
  await seedHandling(tb.id, ben.id, 300_000, at(2, 9));
  await seedCorrection(b.id, tb.id, ["totalMinor"], at(2, 9));
  await seedOutcome(b.id, "posted", at(2, 10));

  // C: Bolt purchase order, rejected; the model answered outside its schema, then answered on its second attempt.
  const c = await seedDocument({
    createdAt: at(1, 11),
    status: "rejected",
    vendorName: "Bolt",
    documentClass: "purchase_order",
  });
  await seedExtraction(c.id, extractionWith({ confidence: 0.6, empty: ["dueDate"] }), at(1, 11));
  await seedModelCall({
    documentId: c.id,
    at: at(1, 11),
    outcome: "invalid_output",
    errorClass: "schema",
    latencyMs: 300,
    costMicros: 500_000,
  });
  await seedModelCall({
    documentId: c.id,
    at: at(1, 11),
    attempt: 2,
    latencyMs: 400,
    inputTokens: 200,
    outputTokens: 80,
    costMicros: 2_000_000,
  });
  await seedTask(c.id, {
    type: "REVIEW_EXTRACTION",
    createdAt: at(1, 12),
    deadlineAt: later,
    status: "resolved",
    resolvedAt: at(3, 8),
    action: "reject",
  });
  await seedOutcome(c.id, "rejected", at(3, 8));

  // D failed on day 2; E (Bolt) auto-posted on day 4, then a QA review found its vendor name wrong (2 min).
  const d = await seedDocument({ createdAt: at(2, 1) });
  await seedOutcome(d.id, "failed", at(2, 2));
  await seedDocument({ createdAt: at(2, 1), status: "failed" }).then(async (failed) => {
    // A document that failed and still stands failed is counted; `d` was since replayed ("received").
    await seedOutcome(failed.id, "failed", at(2, 3));
  });
  const e = await seedDocument({ createdAt: at(4, 8), status: "posted", vendorName: "Bolt", documentClass: "invoice" });
  await seedExtraction(e.id, extractionWith({ confidence: 1 }), at(4, 8));
  await seedOutcome(e.id, "posted", at(4, 9));
  const qa = await seedTask(e.id, {
    type: "QA_REVIEW",
    createdAt: at(4, 10),
    deadlineAt: later,
    status: "resolved",
    resolvedAt: at(4, 11),
    action: "report_errors",
  });
  await seedHandling(qa.id, ana.id, 120_000, at(4, 11));
  await seedCorrection(e.id, qa.id, ["vendorName"], at(4, 11));

  // The queue at the period's end: 4 h old and overdue, 5 days old, 1 h old (closed only after the end), and one made after.
  const f = await seedDocument({ createdAt: at(5, 1), documentClass: "invoice" });
  await seedTask(f.id, { type: "APPROVE_SPEND", createdAt: at(6, 20), deadlineAt: at(6, 22) });
  await seedTask(d.id, { type: "REVIEW_EXTRACTION", createdAt: at(2, 0), deadlineAt: at(8) });
  const g = await seedDocument({ createdAt: at(6, 22) });
  await seedTask(g.id, {
    type: "REVIEW_EXTRACTION",
    createdAt: at(6, 23),
    deadlineAt: at(8),
    status: "resolved",
    resolvedAt: at(7, 1),
    action: "approve",
  });
  await seedTask(f.id, { type: "REVIEW_EXTRACTION", createdAt: at(7, 2), deadlineAt: at(8) });

  // The baseline: H (invoice) auto-posted with poNumber and dueDate empty, one call worth US$2.00; I, a quote.
  const h = await seedDocument({ createdAt: at(-6), status: "posted", vendorName: "Acme", documentClass: "invoice" });
  await seedExtraction(h.id, extractionWith({ confidence: 0.5, empty: ["poNumber", "dueDate"] }), at(-6));
  await seedModelCall({ documentId: h.id, at: at(-6), costMicros: 2_000_000 });
  await seedOutcome(h.id, "posted", at(-6, 1));
  await seedDocument({ createdAt: at(-5), documentClass: "quote" });
});

describe("loadMonitor over a seeded week", () => {
  it("counts throughput per day, the quiet days as zeros", async () => {
    const data = await loadMonitor({ from, to });
    expect(data.bucket).toBe("day");
    expect(
      data.throughput.map((r) => [r.bucket.toISOString().slice(0, 10), r.received, r.posted, r.rejected, r.failed]),
    ).toEqual([
      ["2019-06-03", 1, 1, 0, 0],
      ["2019-06-04", 2, 0, 0, 0],
      ["2019-06-05", 2, 1, 0, 1],
      ["2019-06-06", 0, 0, 1, 0],
      ["2019-06-07", 1, 1, 0, 0],
      ["2019-06-08", 1, 0, 0, 0],
      ["2019-06-09", 1, 0, 0, 0],
    ]);
  });

  it("counts by the hour over a period of up to two days", async () => {
    const data = await loadMonitor({ from: at(1), to: at(2) });
    expect(data.bucket).toBe("hour");
    expect(data.throughput).toHaveLength(24);
    const busy = data.throughput.filter((r) => r.received + r.posted + r.rejected + r.failed > 0);
    expect(busy.map((r) => [r.bucket.toISOString().slice(11, 16), r.received])).toEqual([
      ["09:00", 1],
      ["11:00", 1],
    ]);
  });

  it("reads the backlog as it stood at the period's end, by type and age band, with those past their deadline", async () => {
    const data = await loadMonitor({ from, to });
    const sorted = [...data.backlog].sort((x, y) => `${x.type}${x.band}`.localeCompare(`${y.type}${y.band}`));
    expect(sorted).toEqual([
      { type: "APPROVE_SPEND", band: "4h_to_1d", open: 1, overdue: 1 },
      { type: "REVIEW_EXTRACTION", band: "over_3d", open: 1, overdue: 0 },
      { type: "REVIEW_EXTRACTION", band: "under_4h", open: 1, overdue: 0 },
    ]);
  });

  it("gives straight-through against its baseline and what QA found among auto-posted documents", async () => {
    const data = await loadMonitor({ from, to });
    expect(data.straightThrough).toEqual({
      current: { decided: 4, autoPosted: 2, rate: 0.5 },
      baseline: { decided: 1, autoPosted: 1, rate: 1 },
    });
    expect(data.qa).toEqual({ autoPosted: 2, reviewed: 1, foundWrong: 1, corrected: 1 });
  });

  it("measures fields against the baseline and for each of the top vendors", async () => {
    const data = await loadMonitor({ from, to });
    const now = (field: string) => data.fields.current.find((s) => s.field === field);
    const before = (field: string) => data.fields.baseline.find((s) => s.field === field);
    expect(now("poNumber")?.documents).toBe(4);
    expect(now("poNumber")?.emptyRate).toBe(0.25);
    expect(now("poNumber")?.meanConfidence).toBeCloseTo(0.825, 9);
    expect(now("dueDate")?.emptyRate).toBe(0.25);
    expect(now("totalMinor")?.correctionRate).toBe(0.25);
    expect(now("vendorName")?.correctionRate).toBe(0.25);
    expect(before("poNumber")).toMatchObject({ documents: 1, emptyRate: 1, meanConfidence: 0.5, correctionRate: 0 });
    const vendor = (name: string, field: string) =>
      data.vendorFields.current.find((s) => s.vendor === name && s.field === field);
    expect(new Set(data.vendorFields.current.map((s) => s.vendor))).toEqual(new Set(["Acme", "Bolt"]));
    expect(vendor("Acme", "poNumber")).toMatchObject({ documents: 2, emptyRate: 0.5 });
    expect(vendor("Bolt", "dueDate")).toMatchObject({ documents: 2, emptyRate: 0.5 });
    expect(vendor("Bolt", "vendorName")?.correctionRate).toBe(0.5);
    expect(vendor("Acme", "totalMinor")?.correctionRate).toBe(0.5);
    // Each vendor against its own baseline: Acme had H, Bolt nothing.
    const vendorBefore = (name: string, field: string) =>
      data.vendorFields.baseline.find((s) => s.vendor === name && s.field === field);
    expect(vendorBefore("Acme", "poNumber")).toMatchObject({ documents: 1, emptyRate: 1, meanConfidence: 0.5 });
    expect(vendorBefore("Bolt", "poNumber")).toMatchObject({ documents: 0, emptyRate: null, meanConfidence: null });
  });

  it("mixes document classes against the baseline, unclassified documents apart", async () => {
    const data = await loadMonitor({ from, to });
    expect(data.classMix.current).toEqual([
      { documentClass: "invoice", documents: 4 },
      { documentClass: null, documents: 3 },
      { documentClass: "purchase_order", documents: 1 },
    ]);
    expect(data.classMix.baseline).toEqual([
      { documentClass: "invoice", documents: 1 },
      { documentClass: "quote", documents: 1 },
    ]);
  });

  it("groups model calls by provider, model and prompt version with latency percentiles, tokens, cost, errors and fallbacks", async () => {
    const data = await loadMonitor({ from, to });
    expect(data.modelCalls).toEqual([
      {
        provider: "anthropic",
        model: "claude-test",
        promptVersion: "v1",
        calls: 4,
        errors: 2,
        // Latencies 200, 300, 400, 1000: the median between 300 and 400; p95 at 2.85 of 3 steps, 400 + 0.85 × 600.
        p50LatencyMs: 350,
        p95LatencyMs: 910,
        inputTokens: 300,
        outputTokens: 130,
        cachedTokens: 10,
        costMicros: 3_500_000,
      },
      {
        provider: "deterministic",
        model: "deterministic",
        promptVersion: null,
        calls: 1,
        errors: 0,
        p50LatencyMs: 50,
        p95LatencyMs: 50,
        inputTokens: 0,
        outputTokens: 0,
        cachedTokens: 0,
        costMicros: 0,
      },
    ]);
    expect(data.modelErrors).toEqual([
      { provider: "anthropic", errorClass: "rate_limited", calls: 1 },
      { provider: "anthropic", errorClass: "schema", calls: 1 },
    ]);
    expect(data.fallbacks).toEqual([{ firstAsked: "anthropic", answeredBy: "deterministic", documents: 1 }]);
  });

  it("prices each approved document: model cost converted from USD plus handling time at the hourly rate", async () => {
    const { cost } = await loadMonitor({ from, to });
    expect(cost.currency).toBe("EUR");
    // US$1.00 at 1 EUR = 1.25 USD is 80 cents; 17 min of handling at 45.00 an hour is 12.75 EUR; over 3 documents.
    expect(cost.total).toMatchObject({
      documents: 3,
      modelMicros: 1_000_000,
      handlingMs: 1_020_000,
      modelMinor: 80,
      handlingMinor: 1275,
      missingRate: null,
    });
    expect(cost.total.perDocumentMinor).toBeCloseTo(1355 / 3, 9);
    expect(cost.byTaskType.map((g) => [g.key, g.documents, g.modelMicros, g.handlingMs])).toEqual([
      [null, 1, 1_000_000, 0],
      ["APPROVE_SPEND", 1, 0, 900_000],
      ["QA_REVIEW", 1, 0, 120_000],
    ]);
    expect(cost.byVendor.map((g) => [g.key, g.documents, g.modelMicros, g.handlingMs, g.perDocumentMinor])).toEqual([
      ["Acme", 2, 1_000_000, 900_000, (80 + 1125) / 2],
      ["Bolt", 1, 0, 120_000, 150],
    ]);
  });

  it("keeps model and handling cost apart and names the missing rate when no USD rate is in force", async () => {
    const baseline = { from: new Date("2019-05-27T00:00:00Z"), to: from };
    const { cost } = await loadMonitor(baseline);
    expect(cost.total).toMatchObject({
      documents: 1,
      modelMicros: 2_000_000,
      modelMinor: null,
      perDocumentMinor: null,
    });
    expect(cost.total.missingRate).toBe(
      "No exchange rate for USD against EUR is in effect on 2019-06-02; an admin adds it in Settings → Exchange rates.",
    );
  });

  it("has nothing to plot over a period with no activity", async () => {
    const data = await loadMonitor({ from: new Date("2010-01-04T00:00:00Z"), to: new Date("2010-01-05T00:00:00Z") });
    expect(data.bucket).toBe("hour");
    expect(data.throughput).toHaveLength(24);
    expect(data.throughput.every((r) => r.received + r.posted + r.rejected + r.failed === 0)).toBe(true);
    expect(data.backlog).toEqual([]);
    expect(data.vendorFields).toEqual({ current: [], baseline: [] });
    expect(data.classMix.current).toEqual([]);
    expect(data.modelCalls).toEqual([]);
    expect(data.fallbacks).toEqual([]);
    expect(data.qa).toEqual({ autoPosted: 0, reviewed: 0, foundWrong: 0, corrected: 0 });
    expect(data.cost.total).toMatchObject({ documents: 0, perDocumentMinor: null, missingRate: null });
    expect(data.cost.byTaskType).toEqual([]);
  });
});
