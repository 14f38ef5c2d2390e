import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { oneOf } from "./one-of";

/** The model lanes in the order a call tries them (ai/providers.ts `modelLaneNames` is the same list). */
const laneNames = ["primary", "fallback"] as const;

/**
 * One row per model-lane run that began: how long the call waited in the lane's queue (behind the shared throttle
 * and concurrency) before it started. The Monitor reads these as backpressure; calls that gave way while queued
 * are model_calls rows with error class start_timeout.
 */
export const modelLaneStarts = pgTable(
  "model_lane_starts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    // The lane's run: its call step may be retried, and the wait is counted once.
    runId: text().notNull(),
    lane: text({ enum: laneNames }).notNull(),
    provider: text().notNull(),
    kind: text().notNull(),
    subjectId: text().notNull(),
    queuedMs: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("model_lane_starts_run_key").on(t.runId),
    index("model_lane_starts_at_idx").on(t.at),
    check("model_lane_starts_lane", oneOf(t.lane, laneNames)),
    check("model_lane_starts_queued_non_negative", sql`${t.queuedMs} >= 0`),
  ],
);

export type ModelLaneStart = typeof modelLaneStarts.$inferSelect;
