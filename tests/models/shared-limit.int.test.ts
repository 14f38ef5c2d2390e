import { describe, expect, it } from "vitest";
import { getLatestExtraction } from "@/db/queries/documents";
import { selectLaneWaits } from "@/db/queries/monitor/lane-waits";
import { PRIMARY, receiveInvoice, settled, withModelLanes } from "./harness";

/**
 * One model budget for the whole system: three app instances behind one URL, one engine, twelve documents at once.
 * The primary lane may start 4 calls a minute and hold 2 at once; durations are scaled ×0.05, so a minute is 3 s
 * and the throttle lets one call start every 750 ms once the first 4 have gone. Every answer takes 400 ms.
 */
const RPM = 4;
const IN_FLIGHT = 2;
const PERIOD_MS = 60_000 * 0.05;
const EMISSION_MS = PERIOD_MS / RPM;
const DOCUMENTS = 12;

const lanes = withModelLanes({
  timeScale: 0.05,
  instances: 3,
  latencyMs: 400,
  env: {
    KEEL_MODEL_RPM: String(RPM),
    KEEL_MODEL_CONCURRENCY: String(IN_FLIGHT),
    // Long enough that no call gives way: this file is about the limit, not the fallback.
    KEEL_MODEL_START_TIMEOUT: "30m",
  },
});

/** The most request arrivals inside any window `ms` long. */
function mostWithin(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while ((sorted[j] ?? 0) - (sorted[i] ?? 0) >= ms) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe("the shared model budget", () => {
  it("holds across three app instances: never more than the in-flight limit at the provider, never faster than the rate", async () => {
    const { engine, model, instances } = lanes();
    const ids = await Promise.all(
      Array.from({ length: DOCUMENTS }, (_, i) => receiveInvoice(`INV-LIM-${String(i + 1)}`, 100_000 + i * 1_000)),
    );
    for (const id of ids) expect((await settled(engine, id, 60_000)).status).toBe("needs_review");
    for (const id of ids) expect((await getLatestExtraction(id))?.provider).toBe(`anthropic:${PRIMARY}`);

    const seen = model.requests.filter((r) => r.model === PRIMARY);
    expect(seen).toHaveLength(DOCUMENTS);
    expect(new Set(seen.map((r) => r.invoice)).size).toBe(DOCUMENTS);
    expect(model.maxInFlight(PRIMARY)).toBeLessThanOrEqual(IN_FLIGHT);
    // The rate is a bucket, as providers count requests per minute: RPM may go at once, then one per RPM-th of a
    // minute. So any minute holds at most 2 × RPM, and any window at most RPM plus its refills (one more for the
    // time between a call's start and its request reaching the provider).
    const arrivals = seen.map((r) => r.startedAt);
    expect(mostWithin(arrivals, PERIOD_MS)).toBeLessThanOrEqual(2 * RPM);
    for (const window of [EMISSION_MS, 2 * EMISSION_MS, PERIOD_MS / 2]) {
      expect(mostWithin(arrivals, window)).toBeLessThanOrEqual(RPM + Math.ceil(window / EMISSION_MS) + 1);
    }
    // And the limit was really reached: without it twelve 400 ms calls two at a time would take 2.4 s.
    const spread = Math.max(...arrivals) - Math.min(...arrivals);
    expect(spread).toBeGreaterThanOrEqual((DOCUMENTS - RPM - 1) * EMISSION_MS * 0.9);

    // The Monitor shows the queue as backpressure: calls waited for the rate to let them begin (how long depends on
    // when each document reached its model call, so only a lower bound no unthrottled run would reach).
    const window = { from: new Date(Date.now() - 120_000), to: new Date(Date.now() + 1_000) };
    const [primary] = (await selectLaneWaits(window)).filter((w) => w.lane === "primary");
    expect(primary).toMatchObject({ provider: `anthropic:${PRIMARY}`, started: DOCUMENTS, startTimeouts: 0 });
    expect(primary?.maxWaitMs).toBeGreaterThanOrEqual(2 * EMISSION_MS);

    // Every instance served the engine's calls: the limit is the engine's, not any one process's.
    for (const instance of instances) expect(instance.calls).toBeGreaterThan(0);
  }, 90_000);
});
