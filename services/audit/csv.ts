import type { AuditEntry } from "@/db/schema";

// A spreadsheet runs a cell that starts with one of these as a formula; a leading apostrophe makes it text.
const formulaStart = /^[=+\-@\t\r]/;

/** One CSV cell: text a spreadsheet will not run, quoted when it holds a separator, a quote or a line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  const safe = formulaStart.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const auditCsvHeader = [
  "id",
  "at",
  "actor",
  "actor_id",
  "action",
  "subject_type",
  "subject_id",
  "correlation_id",
  "before",
  "after",
] as const;

/** One line of the export, ended by CRLF as RFC 4180 writes it. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function auditCsvLine(entry: AuditEntry): string {
  return csvLine([
    entry.id,
    entry.at.toISOString(),
    entry.actorLabel,
    entry.actorId,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    entry.correlationId,
    entry.before ? JSON.stringify(entry.before) : null,
    entry.after ? JSON.stringify(entry.after) : null,
  ]);
}
