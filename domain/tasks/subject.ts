/**
 * A task decides a document or a ticket (`tasks_one_subject`). Code that only makes sense for a document's task —
 * its extraction, its vendor, its posting — asks for the document through here, so a ticket's task reaching it
 * fails loudly instead of reading a document that is not there.
 */
export function documentIdOf(task: { id: string; documentId: string | null }): string {
  if (task.documentId === null) throw new Error(`Task ${task.id} decides a ticket, not a document.`);
  return task.documentId;
}
