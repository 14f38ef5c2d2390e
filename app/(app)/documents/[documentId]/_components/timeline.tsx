import { dollars, ModelCalls, type ModelCallView } from "./model-calls";

/** What happened to the document, in order, and what its model calls cost. */
export function Timeline({
  events,
  calls,
}: {
  events: { id: number; at: Date; label: string }[];
  calls: ModelCallView[];
}) {
  const totalCost = calls.reduce((sum, c) => sum + c.costMicros, 0);
  const totalTokens = calls.reduce((sum, c) => sum + c.inputTokens + c.outputTokens, 0);
  return (
    <section aria-label="Timeline" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 font-semibold">
        Timeline{" "}
        <span className="text-sm font-normal text-slate-500">
          {calls.length} model call(s) · {totalTokens} tokens · {dollars(totalCost)}
        </span>
      </h2>
      <ol className="space-y-2 text-sm">
        {events.map((event) => (
          <li key={event.id} className="flex gap-3">
            <time className="shrink-0 font-mono text-xs text-slate-500" dateTime={event.at.toISOString()}>
              {event.at.toISOString().slice(11, 19)}
            </time>
            <span>{event.label}</span>
          </li>
        ))}
      </ol>
      {calls.length > 0 ? <ModelCalls calls={calls} /> : null}
    </section>
  );
}
