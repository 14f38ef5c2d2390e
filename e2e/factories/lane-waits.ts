import { randomBytes, randomInt } from "node:crypto";
import { db } from "@/db/index";
import { modelCalls, modelLaneStarts } from "@/db/schema";

const DAY = 86_400_000;

export type SeededLaneWaits = { from: string; to: string; primary: string; fallback: string };

/**
 * A week of model-lane waits in a random week of 1981–1990, which no other spec writes to, under providers named
 * for this seed only: three primary calls that waited 100 ms, 200 ms and 5 s, one that gave way while queued, and
 * one fallback call that waited 50 ms.
 */
export async function seedLaneWaits(): Promise<SeededLaneWaits> {
  const suffix = randomBytes(4).toString("hex");
  const primary = `anthropic:lanes-primary-${suffix}`;
  const fallback = `anthropic:lanes-fallback-${suffix}`;
  const firstMonday = Date.UTC(1981, 0, 5);
  const monday = new Date(firstMonday + randomInt(0, 500) * 7 * DAY);
  const at = (hours: number) => new Date(monday.getTime() + 36 * 3_600_000 + hours * 3_600_000);
  const start = (lane: "primary" | "fallback", provider: string, queuedMs: number, hours: number) => ({
    runId: `lanes-${suffix}-${String(hours)}`,
    lane,
    provider,
    kind: "extract-document",
    subjectId: `lanes-${suffix}`,
    queuedMs,
    at: at(hours),
  });
  await db()
    .insert(modelLaneStarts)
    .values([
      start("primary", primary, 100, 1),
      start("primary", primary, 200, 2),
      start("primary", primary, 5_000, 3),
      start("fallback", fallback, 50, 4),
    ]);
  await db()
    .insert(modelCalls)
    .values({
      documentId: null,
      provider: primary,
      model: `lanes-primary-${suffix}`,
      attempt: 0,
      outcome: "error",
      errorClass: "start_timeout",
      latencyMs: 30_000,
      at: at(4),
    });
  const day = (moment: Date) => moment.toISOString().slice(0, 10);
  return { from: day(monday), to: day(new Date(monday.getTime() + 6 * DAY)), primary, fallback };
}
