import { context, createContextKey, trace, type Attributes, type Context } from "@opentelemetry/api";
import { stampOpenLineage } from "@/lib/telemetry/open-spans";

/** What a piece of work is about: the ids people and dashboards search traces and logs by. */
export type Correlation = { documentId?: string; ticketId?: string; taskId?: string };

/** The span attribute each id is written under. */
export const correlationAttributes = {
  documentId: "keel.document_id",
  ticketId: "keel.ticket_id",
  taskId: "keel.task_id",
} as const satisfies Record<keyof Correlation, string>;

const correlationKey = createContextKey("keel.correlation");

/** The ids of the context, the active one by default. */
export function correlationOf(ctx: Context = context.active()): Correlation {
  return (ctx.getValue(correlationKey) as Correlation | undefined) ?? {};
}

export function correlationToAttributes(ids: Correlation): Attributes {
  const attributes: Attributes = {};
  for (const [name, attribute] of Object.entries(correlationAttributes) as [keyof Correlation, string][]) {
    const value = ids[name];
    if (value !== undefined) attributes[attribute] = value;
  }
  return attributes;
}

/**
 * Runs `fn` with these ids added to the context: every span started inside carries them (CorrelationSpanProcessor)
 * and every log line written inside names them (lib/logger.ts). The spans already open around this point, such as
 * the request that created the document, get the ids they lack too, since the id is often known only halfway.
 */
export function withCorrelation<T>(ids: Correlation, fn: () => T): T {
  const known = Object.fromEntries(Object.entries(ids).filter(([, v]) => typeof v === "string" && v !== ""));
  if (Object.keys(known).length === 0) return fn();
  const merged: Correlation = { ...correlationOf(), ...known };
  stampCorrelation(known);
  return context.with(context.active().setValue(correlationKey, merged), fn);
}

/** Writes the ids on the active span and the open spans around it that lack them: for an id learnt at the end. */
export function stampCorrelation(ids: Correlation): void {
  stampOpenLineage(trace.getActiveSpan(), correlationToAttributes(ids));
}

/** The ids an Inngest event names: in its data, or, for inngest/function.failed, in the data of the event that failed. */
export function correlationFromEvent(event: unknown): Correlation {
  const data = dataOf(event);
  const failed = dataOf(data?.event);
  const pick = (name: keyof Correlation) => {
    const value = data?.[name] ?? failed?.[name];
    return typeof value === "string" && value !== "" ? { [name]: value } : {};
  };
  return { ...pick("documentId"), ...pick("ticketId"), ...pick("taskId") };
}

function dataOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const data = (value as { data?: unknown }).data;
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : undefined;
}
