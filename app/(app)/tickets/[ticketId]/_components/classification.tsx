import { Confidence } from "@/components/documents/confidence";
import { ticketIntentLabels, ticketPriorityLabels } from "@/domain/tickets/classification";
import type { Ticket } from "@/db/schema";
import { Facts, Panel } from "./panel";

/** What the run made of the message: intent, priority and language, with how sure it was. */
export function Classification({
  ticket,
}: {
  ticket: Pick<Ticket, "intent" | "priority" | "language" | "classConfidence">;
}) {
  if (ticket.intent === null)
    return (
      <Panel title="Classification">
        <p className="text-sm text-slate-600">Not classified yet.</p>
      </Panel>
    );
  return (
    <Panel
      title="Classification"
      extra={ticket.classConfidence === null ? null : <Confidence value={ticket.classConfidence} />}
    >
      <Facts
        facts={[
          ["Intent", ticketIntentLabels[ticket.intent]],
          ["Priority", ticket.priority ? ticketPriorityLabels[ticket.priority] : "—"],
          ["Language", ticket.language ?? "—"],
        ]}
      />
    </Panel>
  );
}
