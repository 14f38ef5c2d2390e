import { inArray } from "drizzle-orm";
import { db, type Executor } from "../index";
import { documents } from "../schema";

/** The filenames of those of `ids` Keel has, by id; one query however many are asked for. */
export async function listDocumentFilenames(ids: readonly string[], tx: Executor = db()): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: documents.id, filename: documents.filename })
    .from(documents)
    .where(inArray(documents.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.filename]));
}
