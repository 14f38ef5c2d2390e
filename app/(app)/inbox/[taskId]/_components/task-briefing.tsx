import { FindingList } from "@/components/documents/finding-list";
import { unrepeated } from "@/components/documents/unrepeated";
import { Badge } from "@/components/ui/badge";
import type { Finding } from "@/domain/documents/types";
import { formatUtc } from "@/lib/format";

type Question = { id: string; createdAt: Date; to: string; subject: string; status: string };

/** Why the run stopped for a person, what the rules found, and what the vendor has been asked so far. */
export function TaskBriefing({
  reasons,
  findings,
  asked,
}: {
  reasons: string[];
  findings: Finding[];
  asked: Question[];
}) {
  const why = unrepeated(reasons, findings);
  return (
    <div className="space-y-4">
      <section aria-label="Why" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="mb-2 font-semibold">Why this needs you</h2>
        <ul className="list-disc space-y-1 pl-5">
          {why.map((r) => (
            <li key={r}>{r}</li>
          ))}
          {why.length < reasons.length ? <li>The rule findings below.</li> : null}
        </ul>
      </section>
      {findings.length ? (
        <section aria-label="Findings" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="mb-2 font-semibold">Rule findings</h2>
          <FindingList findings={findings} />
        </section>
      ) : null}
      {asked.length > 0 ? (
        <section
          aria-label="Questions to the vendor"
          className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
        >
          <h2 className="mb-2 font-semibold">Asked the vendor</h2>
          <ul className="space-y-1">
            {asked.map((q) => (
              <li key={q.id}>
                {formatUtc(q.createdAt)} to {q.to}: “{q.subject}”{" "}
                <Badge tone={q.status === "failed" ? "danger" : "neutral"}>{q.status}</Badge>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
