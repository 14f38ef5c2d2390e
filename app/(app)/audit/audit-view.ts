const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Subjects with a page of their own link to it; the others to the list that holds them.
const subjectPages: Record<string, (id: string) => string> = {
  task: (id) => `/inbox/${id}`,
  document: (id) => `/documents/${id}`,
  user: () => "/settings/users",
  vendor: () => "/settings/vendors",
  api_key: () => "/settings/api-keys",
  exchange_rates: () => "/settings/exchange-rates",
};

/** Where an entry's subject is shown, or null when Keel has no page for it (an unknown id, a sign-in). */
export function subjectHref(subjectType: string, subjectId: string): string | null {
  const page = subjectPages[subjectType];
  if (!page) return null;
  return subjectType === "task" || subjectType === "document"
    ? uuid.test(subjectId)
      ? page(subjectId)
      : null
    : page(subjectId);
}

/** The document an entry is correlated with, when its subject is a task or a document (their correlation is one). */
export function correlationHref(subjectType: string, correlationId: string | null): string | null {
  if (!correlationId || !uuid.test(correlationId)) return null;
  return subjectType === "task" || subjectType === "document" ? `/documents/${correlationId}` : null;
}

const LIMIT = 160;

const shown = (value: unknown) =>
  value === undefined ? "–" : typeof value === "string" ? value : JSON.stringify(value);

/**
 * What an entry changed, in one line: each key with its value before and after ("status: open → resolved"), or as
 * it was set when there is no before. Long values are cut; the full entry is in the export.
 */
export function changeSummary(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const parts = keys.map((key) =>
    before && key in before
      ? `${key}: ${shown(before[key])} → ${shown(after?.[key])}`
      : `${key}: ${shown(after?.[key])}`,
  );
  const text = parts.join("; ");
  return text.length > LIMIT ? `${text.slice(0, LIMIT - 1)}…` : text;
}
