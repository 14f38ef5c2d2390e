const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/**
 * The id of the document a run works on, from the event that started it: keel/document.received carries it, and
 * inngest/function.failed carries that event inside its own. Event data is the sender's, so anything but an id is
 * no document.
 */
export function runDocumentId(data: Record<string, unknown>): string | null {
  const failed = data.event as { data?: Record<string, unknown> } | undefined;
  const value = data.documentId ?? failed?.data?.documentId;
  return typeof value === "string" && uuid.test(value) ? value.toLowerCase() : null;
}
