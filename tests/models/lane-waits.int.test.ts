import { describe, expect, it } from "vitest";
import { recordLaneStart } from "@/db/queries/model-lanes";
import { recordModelCall } from "@/db/queries/documents";
import { selectLaneWaits } from "@/db/queries/monitor/lane-waits";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const hour = (h: number) => new Date(Date.UTC(2026, 2, 4, h));
const window = { from: hour(0), to: hour(12) };

const start = (runId: string, lane: "primary" | "fallback", provider: string, queuedMs: number, at: Date) =>
  recordLaneStart({ runId, lane, provider, kind: "extract-document", subjectId: "d1", queuedMs, at });

const timedOut = (provider: string, at: Date) =>
  recordModelCall({
    documentId: null,
    provider,
    model: "m",
    attempt: 0,
    outcome: "error",
    errorClass: "start_timeout",
    latencyMs: 30_000,
    at,
  });

describe("waits in the model lanes", () => {
  it("gives each lane's calls begun, their waits and the calls that gave way while queued, in the window only", async () => {
    await start("r1", "primary", "anthropic:sonnet", 100, hour(1));
    await start("r2", "primary", "anthropic:sonnet", 200, hour(2));
    await start("r3", "primary", "anthropic:sonnet", 5_000, hour(3));
    await start("r4", "fallback", "anthropic:haiku", 50, hour(4));
    await start("r5", "primary", "anthropic:sonnet", 99_999, hour(13));
    await timedOut("anthropic:sonnet", hour(4));
    await timedOut("anthropic:sonnet", hour(14));
    // A retried call step records its wait once.
    await start("r1", "primary", "anthropic:sonnet", 7_777, hour(5));

    expect(await selectLaneWaits(window)).toEqual([
      {
        lane: "fallback",
        provider: "anthropic:haiku",
        started: 1,
        p50WaitMs: 50,
        p95WaitMs: 50,
        maxWaitMs: 50,
        startTimeouts: 0,
      },
      {
        lane: "primary",
        provider: "anthropic:sonnet",
        started: 3,
        p50WaitMs: 200,
        p95WaitMs: 4_520,
        maxWaitMs: 5_000,
        startTimeouts: 1,
      },
    ]);
  });

  it("lists a provider whose every call gave way while queued, with no lane to name", async () => {
    const later = { from: hour(14), to: hour(15) };
    expect(await selectLaneWaits(later)).toEqual([
      {
        lane: "",
        provider: "anthropic:sonnet",
        started: 0,
        p50WaitMs: 0,
        p95WaitMs: 0,
        maxWaitMs: 0,
        startTimeouts: 1,
      },
    ]);
  });
});
