import { randomUUID } from "node:crypto";
import { like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/index";
import { modelCalls } from "@/db/schema";
import { recordLaneGaveWay } from "@/services/models/gave-way";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const rowsFor = (ticketId: string) =>
  db()
    .select()
    .from(modelCalls)
    .where(like(modelCalls.dedupeKey, `gave-way:${ticketId}:%`));

describe("a lane that gave way before it answered", () => {
  it("gets one model_calls row however often its step runs, and each call and lane one of its own", async () => {
    const ticketId = randomUUID();
    const request = { kind: "draft-ticket", ticketId } as const;
    const gave = { lane: "primary", reason: "start timeout", failureClass: "start_timeout", cancelled: true } as const;
    // The step retried after writing its row (its process died before the run memoised the step).
    await recordLaneGaveWay(request, gave, 30_000, "draft:1000");
    await recordLaneGaveWay(request, gave, 30_000, "draft:1000");
    expect(await rowsFor(ticketId)).toEqual([
      expect.objectContaining({ outcome: "error", errorClass: "start_timeout", latencyMs: 30_000 }),
    ]);

    await recordLaneGaveWay(request, { ...gave, lane: "fallback" }, 5_000, "draft:1000");
    await recordLaneGaveWay(request, gave, 30_000, "draft:2000");
    expect((await rowsFor(ticketId)).map((row) => row.dedupeKey).sort()).toEqual([
      `gave-way:${ticketId}:draft:1000:fallback`,
      `gave-way:${ticketId}:draft:1000:primary`,
      `gave-way:${ticketId}:draft:2000:primary`,
    ]);
  });
});
