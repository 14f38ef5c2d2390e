/**
 * A task decides a document or a ticket (`tasks_one_subject`). Code that only makes sense for a document's task —
 * its extraction, its vendor, its posting — asks for the document through here, so a ticket's task reaching it
 * fails loudly instead of reading a document that is not there.
 */
export function documentIdOf(task: { id: string; documentId: string | null }): string {
  if (task.documentId === null) throw new Error(`Task ${task.id} decides a ticket, not a document.`);
  return task.documentId;
}

/** A document task's document as the inbox reads it beside the task: its id, kind and file name. */
export function documentOf<K extends string>(task: {
  id: string;
  documentId: string | null;
  documentKind: K | null;
  filename: string | null;
}): { id: string; kind: K; filename: string } {
  const id = documentIdOf(task);
  if (task.documentKind === null || task.filename === null) throw new Error(`Task ${task.id} lost its document.`);
  return { id, kind: task.documentKind, filename: task.filename };
}
