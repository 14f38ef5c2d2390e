import { z } from "zod";
import type { AuditFilter } from "@/db/queries/audit";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (text) =>
      !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
  );

// Each value is checked on its own: one that does not fit is reported and left out, and the others still apply.
const fields = {
  actor: z.string().trim().min(1).max(320),
  action: z
    .string()
    .trim()
    .regex(/^[a-z_.]{1,100}\*?$/i),
  subject: z
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/i),
  id: z.string().trim().min(1).max(100),
  correlation: z.string().trim().min(1).max(100),
  from: day,
  to: day,
  after: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
};

const problemsFor: Record<keyof typeof fields, string> = {
  actor: "Type part of the actor's email or name, at most 320 characters.",
  action: "Type an action as it is logged, such as task.reject, or a prefix ending in *, such as task.*.",
  subject: "Type a subject type in lower case, such as task, document or user.",
  id: "Type a subject id of at most 100 characters.",
  correlation: "Type a correlation id (a document's id) of at most 100 characters.",
  from: "Give the first day as a date, such as 2026-03-01.",
  to: "Give the last day as a date, such as 2026-03-31.",
  after: "That page link is no longer valid; showing the first page.",
};

export type AuditParams = Partial<Record<Exclude<keyof typeof fields, "after">, string>>;

export type ParsedAuditParams = {
  /** The filters as understood, for the form and for the links that keep them. */
  params: AuditParams;
  filter: AuditFilter;
  after: number | undefined;
  problems: string[];
};

/** The Audit page's URL (and the export's) as a filter and a page. */
export function parseAuditParams(raw: Record<string, string | string[] | undefined>): ParsedAuditParams {
  const params: AuditParams = {};
  const problems: string[] = [];
  let after: number | undefined;
  for (const name of Object.keys(fields) as (keyof typeof fields)[]) {
    const value = raw[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined || first.trim() === "") continue;
    const parsed = fields[name].safeParse(first);
    if (!parsed.success) problems.push(problemsFor[name]);
    else if (name === "after") after = parsed.data as number;
    else params[name] = parsed.data as string;
  }
  const to = params.to ? new Date(Date.parse(`${params.to}T00:00:00Z`) + 86_400_000) : undefined;
  return {
    params,
    after,
    problems,
    filter: {
      actor: params.actor,
      action: params.action,
      subjectType: params.subject,
      subjectId: params.id,
      correlationId: params.correlation,
      from: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
      to,
    },
  };
}

/** The query string that keeps these filters, with `extra` on top (the next page's cursor). */
export function auditQuery(params: AuditParams, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...params, ...extra })) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `?${text}` : "";
}
