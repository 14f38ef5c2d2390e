import type { Extraction } from "../documents/types";
import { correctedFields } from "../timeline";

/** What whoever looks next sees on a value a person changed: who changed it last, and what it was before. */
export type EditMark = { by: string; was: string };

/** Keyed by header field name or line path: `totalMinor`, `lines[1].unitPriceMinor`, `lines[2]` for a whole line. */
export type EditMarks = Record<string, EditMark>;

type RecordedChange = { field?: unknown };

/**
 * The marks for a document's fields from its corrections, oldest first: the latest person to change a value names
 * it, with the value it had before their change. Lines are decided as a list, so a line removed and re-added is
 * marked by its position.
 */
export function editMarks(
  edits: readonly { by: string; changes: readonly unknown[] }[],
  currency: string | null,
): EditMarks {
  const marks: EditMarks = {};
  for (const edit of edits) {
    for (const raw of edit.changes) {
      const change: RecordedChange = typeof raw === "object" && raw !== null ? raw : {};
      if (typeof change.field !== "string") continue;
      marks[change.field] = { by: edit.by, was: correctedFields([change], currency)[0]?.from ?? "empty" };
    }
  }
  return marks;
}

/** The mark on one cell of a line: the cell's own, or the line's when a person added the line whole. */
export function cellMark(marks: EditMarks, index: number, column: string): EditMark | null {
  return marks[`lines[${String(index)}].${column}`] ?? marks[`lines[${String(index)}]`] ?? null;
}

/**
 * The marks on an extraction's values. Only an extraction a person saved carries their values: one read again
 * after them (a replay) carries the reader's, and no marks.
 */
export function marksOn(
  extraction: Pick<Extraction, "provider"> & { fields: Pick<Extraction["fields"], "currency"> },
  edits: readonly { by: string; changes: readonly unknown[] }[],
): EditMarks {
  return extraction.provider.startsWith("person:") ? editMarks(edits, extraction.fields.currency.value) : {};
}
