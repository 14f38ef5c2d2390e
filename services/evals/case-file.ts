import { evalCaseSchema, type EvalCase } from "@/domain/evals/case";
import type { EvalCaseRow } from "@/db/schema";

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * A case as its file holds it: keys sorted at every level, two-space indents and a final newline, so exporting
 * the same cases again changes no byte and a diff shows only what a promotion changed. Prettier leaves it as is.
 */
export function caseFileContent(evalCase: EvalCase): string {
  return `${JSON.stringify(sortedKeys(evalCaseSchema.parse(evalCase)), null, 2)}\n`;
}

/** A stored case in the file schema; refuses (with the case's id) a row that does not fit it. */
export function evalCaseOf(row: EvalCaseRow): EvalCase {
  const parsed = evalCaseSchema.safeParse({
    version: 1,
    id: row.id,
    source: "promoted",
    filename: row.filename,
    text: row.text,
    expected: row.expected,
    ...(row.documentId ? { documentId: row.documentId } : {}),
    ...(row.taskId ? { taskId: row.taskId } : {}),
    promotedBy: row.promotedByEmail,
    promotedAt: row.promotedAt.toISOString(),
  });
  if (!parsed.success)
    throw new Error(
      `Eval case ${row.id} does not fit the case file schema (domain/evals/case.ts): ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.`,
    );
  return parsed.data;
}
