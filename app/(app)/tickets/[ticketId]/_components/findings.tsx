import { Badge } from "@/components/ui/badge";
import type { TicketRiskRule } from "@/domain/tickets/risk";
import { Panel } from "./panel";

/** Why the ticket needs a person, rule by rule, each saying what to check. */
export function Findings({ findings }: { findings: { rule: TicketRiskRule; message: string }[] | null }) {
  return (
    <Panel title="Findings">
      {findings === null ? (
        <p className="text-sm text-slate-600">Not checked yet.</p>
      ) : findings.length === 0 ? (
        <p className="text-sm text-slate-600">No rule fired.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {findings.map((finding, i) => (
            <li key={i} className="flex flex-wrap gap-2">
              <Badge tone="warning">{finding.rule}</Badge>
              <span className="min-w-0">{finding.message}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
