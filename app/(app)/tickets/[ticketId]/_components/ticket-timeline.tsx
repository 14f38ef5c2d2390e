import type { AuditEntry } from "@/db/schema";
import { ticketTimelineLabel } from "@/domain/tickets/timeline";
import { formatUtc } from "@/lib/format";

/** What happened to the ticket, oldest first, from the audit log: each stage of the run, the task and the decision. */
export function TicketTimeline({ entries }: { entries: AuditEntry[] }) {
  return (
    <section aria-label="Timeline" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 font-semibold">Timeline</h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing recorded yet.</p>
      ) : (
        <ol className="space-y-2 text-sm">
          {entries.map((entry) => (
            <li key={entry.id} className="flex flex-col gap-x-3 sm:flex-row">
              <time className="shrink-0 font-mono text-xs text-slate-500" dateTime={entry.at.toISOString()}>
                {formatUtc(entry.at)}
              </time>
              <span className="min-w-0 break-words">
                {ticketTimelineLabel(entry)} <span className="text-xs text-slate-500">· {entry.actorLabel}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
