import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { getLatestExtraction, listDocumentEvents, listModelCalls } from "@/db/queries/documents";
import { selectLaneWaits } from "@/db/queries/monitor/lane-waits";
import { selectFallbacks, selectModelErrors } from "@/db/queries/monitor/model-calls";
import { listTasksForDocument } from "@/db/queries/tasks";
import { extractions } from "@/db/schema";
import { until } from "../engine/helpers";
import { FALLBACK, PRIMARY, receiveInvoice, settled, withModelLanes } from "./harness";

/**
 * The fallback lane: queue time is the routing signal. One call at a time per lane; durations scaled ×0.05, so the
 * 30 s start budget is 1.5 s and the 80 s finish budget 4 s (the SDK's own timeout of 20 s stays unscaled and never
 * fires here). A call held at the provider fills the primary lane's one slot.
 */
const lanes = withModelLanes({
  timeScale: 0.05,
  env: {
    KEEL_MODEL_CONCURRENCY: "1",
    KEEL_FALLBACK_MODEL_CONCURRENCY: "1",
    KEEL_MODEL_START_TIMEOUT: "30s",
    KEEL_MODEL_FINISH_TIMEOUT: "80s",
    KEEL_MODEL_TIMEOUT_MS: "20000",
  },
});

const countExtractions = async (documentId: string) =>
  (await db().select({ id: extractions.id }).from(extractions).where(eq(extractions.documentId, documentId))).length;

const openTask = (documentId: string) =>
  until(`an open task on ${documentId}`, async () =>
    (await listTasksForDocument(documentId)).find((t) => t.status === "open"),
  );

const lowered = (confidence: number, times: number) => Math.round(confidence * 0.85 ** times * 1000) / 1000;

describe("a saturated primary lane", () => {
  it("re-issues the next call to the fallback lane, whose lower confidence sends the document to a person; nothing is read twice", async () => {
    const { engine, model } = lanes();
    model.hold(PRIMARY);
    const holder = await receiveInvoice("INV-SAT-1", 120_000);
    await until("the holder's call to reach the model", () =>
      Promise.resolve(model.requests.some((r) => r.invoice === "INV-SAT-1")),
    );

    const queued = await receiveInvoice("INV-SAT-2", 130_000);
    const document = await settled(engine, queued);
    expect(document.status).toBe("needs_review");

    const stored = await getLatestExtraction(queued);
    expect(stored?.provider).toBe(`anthropic:${FALLBACK}`);
    expect(stored?.extraction.fields.vendorName.confidence).toBe(lowered(0.95, 1));
    expect(stored?.extraction.documentClass.confidence).toBe(lowered(0.95, 1));
    expect((await openTask(queued)).type).toBe("REVIEW_EXTRACTION");

    // The primary model never saw it: the call gave way while queued, and the monitor counts it as a fallback.
    expect(model.requests.filter((r) => r.invoice === "INV-SAT-2").map((r) => r.model)).toEqual([FALLBACK]);
    const calls = await listModelCalls(queued);
    expect(calls.map((c) => [c.provider, c.outcome, c.errorClass])).toEqual([
      [`anthropic:${PRIMARY}`, "error", "start_timeout"],
      [`anthropic:${FALLBACK}`, "ok", null],
    ]);
    // It held the document up for its start budget (1.5 s scaled), not for the holder's call.
    expect(calls[0]?.latencyMs).toBeGreaterThanOrEqual(1_400);
    expect(calls[0]?.latencyMs).toBeLessThan(4_000);
    const fallbacks = (await listDocumentEvents(queued)).filter((e) => e.kind === "fallback");
    expect(fallbacks.map((e) => e.label)).toEqual([
      `Model anthropic:${PRIMARY} gave way (start_timeout): start timeout: the call waited longer than 30s to begin`,
    ]);

    // The monitor shows the backpressure: a fallback taken, and the primary's start timeouts among its errors.
    const window = { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 1_000) };
    expect(await selectFallbacks(window)).toContainEqual({
      firstAsked: `anthropic:${PRIMARY}`,
      answeredBy: `anthropic:${FALLBACK}`,
      documents: 1,
    });
    expect(await selectModelErrors(window)).toContainEqual({
      provider: `anthropic:${PRIMARY}`,
      errorClass: "start_timeout",
      calls: 1,
    });
    expect(await selectLaneWaits(window)).toEqual([
      expect.objectContaining({ lane: "fallback", provider: `anthropic:${FALLBACK}`, started: 1, startTimeouts: 0 }),
      expect.objectContaining({ lane: "primary", provider: `anthropic:${PRIMARY}`, started: 1, startTimeouts: 1 }),
    ]);

    model.release(PRIMARY);
    await settled(engine, holder);
    expect(await countExtractions(holder)).toBe(1);
    expect(await countExtractions(queued)).toBe(1);
  });

  it("cuts a call that began and hangs at its finish timeout; the fallback answers, and the late answer is not stored", async () => {
    const { engine, model } = lanes();
    model.hold(PRIMARY);
    const hung = await receiveInvoice("INV-HANG-1", 140_000);
    const document = await settled(engine, hung);
    expect(document.status).toBe("needs_review");
    const stored = await getLatestExtraction(hung);
    expect(stored?.provider).toBe(`anthropic:${FALLBACK}`);
    expect(stored?.extraction.fields.vendorName.confidence).toBe(lowered(0.95, 1));
    const cut = (await listModelCalls(hung)).find((c) => c.errorClass === "finish_timeout");
    expect(cut).toMatchObject({ provider: `anthropic:${PRIMARY}`, outcome: "error" });
    expect((await listDocumentEvents(hung)).find((e) => e.kind === "fallback")?.label).toContain(
      "finish timeout: the call ran longer than 80s",
    );

    // The hung request is answered at last: the model's answer is recorded as a call, never as a second reading.
    model.release(PRIMARY);
    await until("the late answer to be recorded", async () =>
      (await listModelCalls(hung)).some((c) => c.provider === `anthropic:${PRIMARY}` && c.outcome === "ok"),
    );
    expect(await countExtractions(hung)).toBe(1);
    expect((await getLatestExtraction(hung))?.provider).toBe(`anthropic:${FALLBACK}`);
  });
});

describe("both lanes down", () => {
  it("reads the document with the deterministic extractor, trusted less for each lane that gave way, and a person decides", async () => {
    const { engine, fake, model } = lanes();
    const respond = fake.respond;
    fake.respond = () => ({
      kind: "status",
      status: 400,
      body: { type: "error", error: { type: "invalid_request_error", message: "model unavailable" } },
    });
    try {
      const down = await receiveInvoice("INV-DOWN-1", 150_000);
      const document = await settled(engine, down);
      expect(document.status).toBe("needs_review");
      const stored = await getLatestExtraction(down);
      expect(stored?.provider).toBe("deterministic");
      const calls = await listModelCalls(down);
      expect(calls.map((c) => [c.provider, c.outcome])).toEqual([
        [`anthropic:${PRIMARY}`, "error"],
        [`anthropic:${FALLBACK}`, "error"],
        ["deterministic", "ok"],
      ]);
      expect(model.requests.filter((r) => r.invoice === "INV-DOWN-1").map((r) => r.model)).toEqual([PRIMARY, FALLBACK]);
      // Every field the extractor read counts as read by the third link of the chain.
      const vendor = stored?.extraction.fields.vendorName;
      expect(vendor?.confidence).toBeLessThanOrEqual(0.85 ** 2);
      expect((await openTask(down)).type).toBe("REVIEW_EXTRACTION");
      expect((await listDocumentEvents(down)).filter((e) => e.kind === "fallback")).toHaveLength(2);
    } finally {
      fake.respond = respond;
    }
  });
});
