import { randomBytes } from "node:crypto";
import { db } from "@/db/index";
import { auditLog, documentEvents, documents, extractions, modelCalls, taskHandling, tasks } from "@/db/schema";
import type { DocumentStatus } from "@/domain/document-status";
import { headerFieldNames, type HeaderFieldName } from "@/domain/documents/fields";
import type { DocumentClass, Extraction, Field } from "@/domain/documents/types";
import type { TaskType } from "@/domain/task-types";

/** Rows written straight to the tables at chosen times, so each metric's expected value can be worked out by hand. */

export const hours = (n: number) => n * 3_600_000;

export async function seedDocument(input: {
  createdAt: Date;
  status?: DocumentStatus;
  vendorName?: string;
  documentClass?: DocumentClass;
}) {
  const id = randomBytes(16).toString("hex");
  const [row] = await db()
    .insert(documents)
    .values({
      filename: `monitor-${id}.txt`,
      kind: "text",
      mediaType: "text/plain",
      sizeBytes: 10,
      sha256: id.padEnd(64, "0").slice(0, 64),
      source: "api",
      status: input.status ?? "received",
      vendorName: input.vendorName ?? null,
      documentClass: input.documentClass ?? null,
      createdAt: input.createdAt,
    })
    .returning();
  if (!row) throw new Error("seedDocument: no row");
  return row;
}

/** An extraction whose header fields all carry `confidence`, those in `empty` with no value, and `lines` line items. */
export function extractionWith(input: {
  confidence: number;
  empty?: readonly HeaderFieldName[];
  lines?: number;
  confidences?: Partial<Record<HeaderFieldName, number>>;
}): Extraction {
  const value = (name: HeaderFieldName): Field<unknown> => ({
    value: input.empty?.includes(name) ? null : name === "bankDetails" ? { iban: "DE00" } : `${name}-value`,
    confidence: input.confidences?.[name] ?? input.confidence,
    evidence: null,
  });
  const line = () => {
    const cell = <T>(v: T): Field<T> => ({ value: v, confidence: input.confidence, evidence: null });
    return { description: cell("item"), quantity: cell(1), unitPriceMinor: cell(100), amountMinor: cell(100) };
  };
  return {
    documentClass: { value: "invoice", confidence: input.confidence, evidence: null },
    fields: {
      ...(Object.fromEntries(headerFieldNames.map((n) => [n, value(n)])) as Omit<Extraction["fields"], "lines">),
      lines: Array.from({ length: input.lines ?? 1 }, line),
    },
    provider: "deterministic",
    promptVersion: null,
  };
}

export async function seedExtraction(documentId: string, extraction: Extraction, at: Date, provider = "deterministic") {
  await db().insert(extractions).values({ documentId, extraction, provider, createdAt: at });
}

/** The timeline entry that marks an ending, with the dedupe key the pipeline writes it under. */
export async function seedOutcome(documentId: string, outcome: "posted" | "rejected" | "failed", at: Date) {
  const entry =
    outcome === "posted"
      ? { kind: "step", label: "Posted", dedupeKey: "posted" }
      : outcome === "rejected"
        ? { kind: "decision", label: "Rejected (reject): not posted", dedupeKey: "finished-unposted" }
        : {
            kind: "failed",
            label: "Failed (permanent): broken",
            dedupeKey: `failed:${randomBytes(4).toString("hex")}`,
          };
  await db()
    .insert(documentEvents)
    .values({ documentId, ...entry, at });
}

export async function seedTask(
  documentId: string,
  input: {
    type: TaskType;
    createdAt: Date;
    deadlineAt: Date;
    status?: "open" | "resolved" | "expired";
    resolvedAt?: Date;
    action?: string;
  },
) {
  const [row] = await db()
    .insert(tasks)
    .values({
      documentId,
      type: input.type,
      status: input.status ?? "open",
      title: "Seeded task",
      description: "",
      reasons: [],
      proposed: {},
      assignedRole: "approver",
      deadlineAt: input.deadlineAt,
      createdAt: input.createdAt,
      resolvedAt: input.resolvedAt ?? null,
      action: input.action ?? null,
    })
    .returning();
  if (!row) throw new Error("seedTask: no row");
  return row;
}

/** A person's correction, as the task page records it: a `task.fields_edited` entry correlated to the document. */
export async function seedCorrection(documentId: string, taskId: string, fields: readonly string[], at: Date) {
  await db()
    .insert(auditLog)
    .values({
      actorLabel: "reviewer@example.test",
      action: "task.fields_edited",
      subjectType: "task",
      subjectId: taskId,
      correlationId: documentId,
      after: { changes: fields.map((field) => ({ field, label: field, proposed: null, decided: "x" })) },
      at,
    });
}

export async function seedModelCall(input: {
  documentId: string | null;
  at: Date;
  provider?: string;
  model?: string;
  promptVersion?: string | null;
  attempt?: number;
  outcome?: "ok" | "error" | "invalid_output";
  errorClass?: string | null;
  latencyMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
  costMicros?: number;
}) {
  await db()
    .insert(modelCalls)
    .values({
      documentId: input.documentId,
      provider: input.provider ?? "anthropic",
      model: input.model ?? "claude-test",
      promptVersion: input.promptVersion === undefined ? "v1" : input.promptVersion,
      attempt: input.attempt ?? 1,
      outcome: input.outcome ?? "ok",
      errorClass: input.errorClass ?? null,
      latencyMs: input.latencyMs ?? 100,
      inputTokens: input.inputTokens ?? 0,
      outputTokens: input.outputTokens ?? 0,
      cachedTokens: input.cachedTokens ?? 0,
      costMicros: input.costMicros ?? 0,
      at: input.at,
    });
}

/** A person's measured focus on a task's page. */
export async function seedHandling(taskId: string, userId: string, focusedMs: number, at: Date) {
  await db().insert(taskHandling).values({ taskId, userId, focusedMs, firstAt: at, lastAt: at });
}
