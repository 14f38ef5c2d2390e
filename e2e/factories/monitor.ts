import { randomBytes, randomInt } from "node:crypto";
import { db } from "@/db/index";
import {
  auditLog,
  documentEvents,
  documents,
  exchangeRates,
  extractions,
  modelCalls,
  taskHandling,
  tasks,
} from "@/db/schema";
import { headerFieldNames, type HeaderFieldName } from "@/domain/documents/fields";
import type { DocumentClass, Extraction, Field } from "@/domain/documents/types";
import type { TaskType } from "@/domain/task-types";
import { taskRole } from "@/domain/tasks/describe";
import { makeUser } from "./users";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A moment of the seeded week: `day` 0 is its Monday (negative days fall in the baseline week), at `hour` UTC. */
type When = [day: number, hour: number];

type CallPlan = {
  provider?: string;
  model?: string;
  promptVersion?: string | null;
  outcome?: "ok" | "error" | "invalid_output";
  errorClass?: string;
  latencyMs: number;
  tokens?: [input: number, output: number, cached: number];
  costMicros?: number;
};

type TaskPlan = {
  type: TaskType;
  opened: When;
  deadline: When;
  closed?: { at: When; action: string; status?: "resolved" | "expired" };
  /** Focused milliseconds per person (the first and second person of the week). */
  handling?: [number, number];
  /** Fields a person corrected on this task. */
  corrected?: string[];
};

type DocumentPlan = {
  received: When;
  documentClass: DocumentClass | null;
  vendor: "first" | "second" | "third" | null;
  extraction?: { confidence: number; empty?: HeaderFieldName[]; lines?: number };
  /** How the document ended, if it did; a failed document later replayed stands "received" again. */
  ended?: { as: "posted" | "rejected" | "failed"; at: When; replayed?: boolean };
  tasks?: TaskPlan[];
  calls?: CallPlan[];
};

/**
 * A week of activity: documents received on most days and posted, rejected or failed, with their machine
 * extractions, people's corrections, tasks of several types and ages (some past their deadline at the week's end),
 * the time people spent on them, QA reviews, and model calls with errors, fallbacks, latencies, tokens and cost;
 * and a lighter week before it, the baseline.
 */
const plan: DocumentPlan[] = [
  {
    received: [0, 9],
    documentClass: "invoice",
    vendor: "first",
    extraction: { confidence: 0.93, empty: ["poNumber"] },
    ended: { as: "posted", at: [0, 10] },
    calls: [{ latencyMs: 820, tokens: [1200, 300, 400], costMicros: 105_000 }],
  },
  {
    received: [0, 14],
    documentClass: "invoice",
    vendor: "first",
    extraction: { confidence: 0.71, empty: ["poNumber", "dueDate"] },
    ended: { as: "posted", at: [1, 11] },
    tasks: [
      {
        type: "APPROVE_SPEND",
        opened: [0, 15],
        deadline: [2, 15],
        closed: { at: [1, 10], action: "approve" },
        handling: [240_000, 90_000],
        corrected: ["totalMinor"],
      },
    ],
    calls: [
      { outcome: "error", errorClass: "rate_limited", latencyMs: 2_400 },
      { provider: "deterministic", model: "deterministic", promptVersion: null, latencyMs: 35 },
    ],
  },
  {
    received: [1, 8],
    documentClass: "purchase_order",
    vendor: "second",
    extraction: { confidence: 0.64, empty: ["dueDate", "paymentTerms"], lines: 0 },
    ended: { as: "rejected", at: [2, 9] },
    tasks: [
      {
        type: "REVIEW_EXTRACTION",
        opened: [1, 9],
        deadline: [3, 9],
        closed: { at: [2, 9], action: "reject" },
        handling: [600_000, 0],
        corrected: ["documentNumber", "lines[0].amountMinor"],
      },
    ],
    calls: [
      { outcome: "invalid_output", errorClass: "schema", latencyMs: 1_500, tokens: [900, 120, 0], costMicros: 52_500 },
      { latencyMs: 1_100, tokens: [950, 260, 300], costMicros: 82_500 },
    ],
  },
  {
    received: [2, 13],
    documentClass: "invoice",
    vendor: "second",
    extraction: { confidence: 0.98 },
    ended: { as: "posted", at: [2, 14] },
    tasks: [
      {
        type: "QA_REVIEW",
        opened: [2, 15],
        deadline: [5, 15],
        closed: { at: [3, 9], action: "report_errors" },
        handling: [150_000, 0],
        corrected: ["vendorName"],
      },
    ],
    calls: [{ latencyMs: 640, tokens: [1100, 280, 0], costMicros: 97_500 }],
  },
  {
    received: [3, 10],
    documentClass: "invoice",
    vendor: "third",
    extraction: { confidence: 0.88 },
    ended: { as: "posted", at: [3, 11] },
    tasks: [
      {
        type: "QA_REVIEW",
        opened: [3, 12],
        deadline: [6, 12],
        closed: { at: [4, 9], action: "confirm" },
        handling: [0, 60_000],
      },
    ],
    calls: [{ latencyMs: 700, promptVersion: "v2", tokens: [1000, 250, 500], costMicros: 72_500 }],
  },
  {
    received: [3, 16],
    documentClass: null,
    vendor: null,
    ended: { as: "failed", at: [3, 17] },
    calls: [{ outcome: "error", errorClass: "timeout", latencyMs: 60_000 }],
  },
  { received: [4, 8], documentClass: null, vendor: null, ended: { as: "failed", at: [4, 9], replayed: true } },
  {
    received: [4, 11],
    documentClass: "invoice",
    vendor: "first",
    extraction: { confidence: 0.79, empty: ["vendorTaxId"] },
    ended: { as: "posted", at: [5, 16] },
    tasks: [
      {
        type: "CONFIRM_NEW_VENDOR",
        opened: [4, 12],
        deadline: [6, 12],
        closed: { at: [5, 15], action: "create_vendor" },
        handling: [420_000, 0],
      },
      {
        type: "APPROVE_SPEND",
        opened: [5, 15],
        deadline: [7, 15],
        closed: { at: [5, 16], action: "approve" },
        handling: [0, 180_000],
      },
    ],
    calls: [{ latencyMs: 910, tokens: [1300, 310, 0], costMicros: 115_000 }],
  },
  {
    received: [5, 9],
    documentClass: "quote",
    vendor: "third",
    extraction: { confidence: 0.55, empty: ["totalMinor", "subtotalMinor"] },
    tasks: [{ type: "REVIEW_EXTRACTION", opened: [5, 10], deadline: [6, 10] }],
    calls: [{ latencyMs: 750, tokens: [800, 200, 0], costMicros: 62_500 }],
  },
  {
    received: [6, 18],
    documentClass: "invoice",
    vendor: "second",
    extraction: { confidence: 0.9 },
    tasks: [
      { type: "APPROVE_SPEND", opened: [6, 19], deadline: [8, 19] },
      // Open at the week's end, closed only after it: still part of that moment's backlog.
      {
        type: "CONFIRM_PRICE_CHANGE",
        opened: [6, 22],
        deadline: [7, 1],
        closed: { at: [7, 3], action: "approve" },
      },
    ],
    calls: [{ latencyMs: 680, tokens: [1050, 270, 0], costMicros: 90_000 }],
  },
  // The baseline week.
  {
    received: [-6, 10],
    documentClass: "invoice",
    vendor: "first",
    extraction: { confidence: 0.6, empty: ["poNumber", "dueDate", "vendorTaxId"] },
    ended: { as: "posted", at: [-6, 11] },
    calls: [{ latencyMs: 900, tokens: [1000, 250, 0], costMicros: 75_000 }],
  },
  {
    received: [-4, 10],
    documentClass: "quote",
    vendor: "third",
    extraction: { confidence: 0.7, empty: ["totalMinor"] },
    ended: { as: "rejected", at: [-3, 10] },
    tasks: [
      {
        type: "REVIEW_EXTRACTION",
        opened: [-4, 11],
        deadline: [-2, 11],
        closed: { at: [-3, 10], action: "reject" },
        corrected: ["totalMinor"],
      },
    ],
  },
];

export type SeededWeek = {
  /** Monday and Sunday of the week, as the custom period's fields take them. */
  from: string;
  to: string;
  window: { from: Date; to: Date };
  vendors: string[];
};

/**
 * Seeds the week into a random week of `years` (within 2001–2020, which no other spec writes to; specs that seed
 * at the same time take different years, so neither week nor its baseline can meet), under vendor names of its
 * own; and a USD rate in force from its Monday, so its model spend converts into the hourly rate's currency.
 */
export async function seedMonitorWeek(years: [first: number, last: number] = [2001, 2010]): Promise<SeededWeek> {
  const monday = randomMonday(years);
  const when = ([day, hour]: When) => new Date(monday.getTime() + day * DAY + hour * HOUR);
  const suffix = randomBytes(4).toString("hex");
  const vendorNames = {
    first: `Monitor Acme ${suffix}`,
    second: `Monitor Bolt ${suffix}`,
    third: `Monitor Crane ${suffix}`,
  };
  const people = [await makeUser({ role: "approver" }), await makeUser({ role: "admin" })];
  const day = (moment: Date) => moment.toISOString().slice(0, 10);
  await db()
    .insert(exchangeRates)
    .values({ base: "EUR", currency: "USD", rate: "1.25", effectiveFrom: day(monday) })
    .onConflictDoNothing();

  for (const item of plan) {
    const id = randomBytes(32).toString("hex");
    const status = item.ended ? (item.ended.replayed ? "received" : item.ended.as) : "needs_review";
    const [document] = await db()
      .insert(documents)
      .values({
        filename: `monitor-${suffix}-${id.slice(0, 6)}.txt`,
        kind: "text",
        mediaType: "text/plain",
        sizeBytes: 100,
        sha256: id,
        source: "api",
        status,
        documentClass: item.documentClass,
        vendorName: item.vendor ? vendorNames[item.vendor] : null,
        createdAt: when(item.received),
        updatedAt: when(item.received),
      })
      .returning();
    if (!document) throw new Error("seedMonitorWeek: no document");
    if (item.extraction)
      await db()
        .insert(extractions)
        .values({
          documentId: document.id,
          extraction: extractionOf(item.extraction),
          provider: "deterministic",
          createdAt: when(item.received),
        });
    for (const [index, call] of (item.calls ?? []).entries()) {
      await db()
        .insert(modelCalls)
        .values({
          documentId: document.id,
          provider: call.provider ?? "anthropic",
          model: call.model ?? "claude-monitor-e2e",
          promptVersion: call.promptVersion === undefined ? "v1" : call.promptVersion,
          attempt: index + 1,
          outcome: call.outcome ?? "ok",
          errorClass: call.errorClass ?? null,
          inputTokens: call.tokens?.[0] ?? 0,
          outputTokens: call.tokens?.[1] ?? 0,
          cachedTokens: call.tokens?.[2] ?? 0,
          costMicros: call.costMicros ?? 0,
          latencyMs: call.latencyMs,
          at: new Date(when(item.received).getTime() + (index + 1) * 1000),
        });
    }
    for (const plannedTask of item.tasks ?? []) await seedTask(document.id, plannedTask, when, people);
    if (item.ended) {
      const ending = {
        posted: { kind: "step", label: "Posted: payable (applied)", dedupeKey: "posted" },
        rejected: { kind: "decision", label: "Rejected (reject): not posted", dedupeKey: "finished-unposted" },
        failed: { kind: "failed", label: "Failed (permanent): seeded failure", dedupeKey: `failed:${suffix}` },
      }[item.ended.as];
      await db()
        .insert(documentEvents)
        .values({ documentId: document.id, ...ending, at: when(item.ended.at) });
    }
  }
  const sunday = new Date(monday.getTime() + 6 * DAY);
  return {
    from: day(monday),
    to: day(sunday),
    window: { from: monday, to: new Date(monday.getTime() + 7 * DAY) },
    vendors: Object.values(vendorNames),
  };
}

async function seedTask(
  documentId: string,
  plannedTask: TaskPlan,
  when: (moment: When) => Date,
  people: { id: string; email: string }[],
) {
  const [task] = await db()
    .insert(tasks)
    .values({
      documentId,
      type: plannedTask.type,
      status: plannedTask.closed ? (plannedTask.closed.status ?? "resolved") : "open",
      title: "Seeded for the monitor",
      description: "",
      reasons: [],
      proposed: {},
      assignedRole: taskRole[plannedTask.type],
      deadlineAt: when(plannedTask.deadline),
      createdAt: when(plannedTask.opened),
      resolvedAt: plannedTask.closed ? when(plannedTask.closed.at) : null,
      action: plannedTask.closed?.action ?? null,
    })
    .returning();
  if (!task) throw new Error("seedMonitorWeek: no task");
  for (const [index, focusedMs] of (plannedTask.handling ?? []).entries()) {
    const person = people[index];
    if (!person || focusedMs === 0) continue;
    const at = when(plannedTask.opened);
    await db().insert(taskHandling).values({ taskId: task.id, userId: person.id, focusedMs, firstAt: at, lastAt: at });
  }
  if (plannedTask.corrected && plannedTask.closed)
    await db()
      .insert(auditLog)
      .values({
        actorId: people[0]?.id ?? null,
        actorLabel: people[0]?.email ?? "e2e",
        action: "task.fields_edited",
        subjectType: "task",
        subjectId: task.id,
        correlationId: documentId,
        after: {
          changes: plannedTask.corrected.map((field) => ({ field, label: field, proposed: null, decided: "x" })),
        },
        at: when(plannedTask.closed.at),
      });
}

function extractionOf(input: { confidence: number; empty?: HeaderFieldName[]; lines?: number }): Extraction {
  // Confidences differ a little by field, so a mix-up between fields shows in the numbers.
  const field = (name: HeaderFieldName, index: number): Field<unknown> => ({
    value: input.empty?.includes(name) ? null : name === "bankDetails" ? { iban: "DE89370400440532013000" } : name,
    confidence: Math.round((input.confidence - index * 0.01) * 1000) / 1000,
    evidence: null,
  });
  const cell = <T>(value: T): Field<T> => ({ value, confidence: input.confidence, evidence: null });
  return {
    documentClass: cell("invoice"),
    fields: {
      ...(Object.fromEntries(headerFieldNames.map((name, i) => [name, field(name, i)])) as Omit<
        Extraction["fields"],
        "lines"
      >),
      lines: Array.from({ length: input.lines ?? 2 }, () => ({
        description: cell("Seeded line"),
        quantity: cell(1),
        unitPriceMinor: cell(1000),
        amountMinor: cell(1000),
      })),
    },
    provider: "deterministic",
    promptVersion: null,
  };
}

/** A Monday at 00:00 UTC from the second week of `first` to the end of `last`. */
function randomMonday([first, last]: [number, number]): Date {
  const mondayOf2001 = Date.UTC(2001, 0, 1);
  const weekOf = (moment: number) => Math.ceil((moment - mondayOf2001) / (7 * DAY));
  // From the second week, so the baseline week stays within the years too.
  const firstWeek = weekOf(Date.UTC(first, 0, 1)) + 1;
  const lastWeek = weekOf(Date.UTC(last, 11, 25)) - 1;
  return new Date(mondayOf2001 + randomInt(firstWeek, lastWeek + 1) * 7 * DAY);
}
