import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { EvalCase } from "@/domain/evals/case";
import { oneOf } from "./one-of";
import { documents } from "./documents";
import { tasks } from "./tasks";
import { users } from "./users";

/**
 * A document a person decided, frozen as an eval case: its text and the values as decided. It outlives the
 * document and the task it came from (their ids are kept as they were), since a case is evidence of what the
 * extractor once got wrong.
 */
export const evalCases = pgTable(
  "eval_cases",
  {
    // "promoted-<documentId>": also the file name the export writes.
    id: text().primaryKey(),
    documentId: uuid().references(() => documents.id, { onDelete: "set null" }),
    taskId: uuid().references(() => tasks.id, { onDelete: "set null" }),
    filename: text().notNull(),
    text: jsonb().$type<EvalCase["text"]>().notNull(),
    expected: jsonb().$type<EvalCase["expected"]>().notNull(),
    promotedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    // Kept beside the id so the case still says who promoted it after that user is gone.
    promotedByEmail: text().notNull(),
    promotedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One case per document: promoting twice finds the first.
    uniqueIndex("eval_cases_document_key").on(t.documentId),
    index("eval_cases_promoted_at_idx").on(t.promotedAt),
  ],
);

export type EvalCaseRow = typeof evalCases.$inferSelect;
export type NewEvalCaseRow = typeof evalCases.$inferInsert;

export const evalRunTriggers = ["drift", "manual"] as const;
export type EvalRunTrigger = (typeof evalRunTriggers)[number];

/** Right answers out of checks, per extraction field name. */
export type EvalFieldScores = Record<string, { correct: number; total: number }>;

/** Per case id, whether each field it expects was read right. */
export type EvalCaseChecks = Record<string, Record<string, boolean>>;

/** One re-scoring of the current chain: on the frozen cases, and on a sample of recent corrected documents. */
export const evalRuns = pgTable(
  "eval_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    trigger: text().$type<EvalRunTrigger>().notNull(),
    // The providers of the chain that was scored, in order ("deterministic" offline).
    chain: text().notNull(),
    promptVersion: text(),
    cases: integer().notNull(),
    documentsSampled: integer().notNull(),
    fieldScores: jsonb().$type<EvalFieldScores>().notNull(),
    sampleFieldScores: jsonb().$type<EvalFieldScores>().notNull(),
    // Each case's checks by field, so two runs compare on the cases both scored: a newly promoted case is often one
    // the chain reads wrong, and must not read as a drop.
    caseChecks: jsonb().$type<EvalCaseChecks>().notNull().default({}),
  },
  (t) => [
    index("eval_runs_at_idx").on(t.at),
    check("eval_runs_trigger_known", oneOf(t.trigger, evalRunTriggers)),
    check("eval_runs_counts_non_negative", sql`${t.cases} >= 0 and ${t.documentsSampled} >= 0`),
  ],
);

export type EvalRun = typeof evalRuns.$inferSelect;
export type NewEvalRun = typeof evalRuns.$inferInsert;
