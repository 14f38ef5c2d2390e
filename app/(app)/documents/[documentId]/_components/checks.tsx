import { FindingList } from "@/components/documents/finding-list";
import { unrepeated } from "@/components/documents/unrepeated";
import { Badge } from "@/components/ui/badge";
import type { Finding } from "@/domain/documents/types";
import type { RiskAssessment } from "@/domain/risk";

const riskTones = { high: "danger", medium: "warning", low: "success" } as const;

/** The rules that fired and the risk they add up to, with its reasons. */
export function Checks({ findings, risk }: { findings: Finding[]; risk: RiskAssessment | null | undefined }) {
  const riskReasons = risk ? unrepeated(risk.reasons, findings) : [];
  return (
    <section aria-label="Checks" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 font-semibold">
        Checks{" "}
        {risk ? (
          <Badge tone={riskTones[risk.level]}>
            Risk {risk.level} · {risk.score}
          </Badge>
        ) : null}
      </h2>
      {findings.length === 0 ? (
        <p className="text-sm text-slate-600">No rule fired.</p>
      ) : (
        <FindingList findings={findings} className="text-sm" />
      )}
      {riskReasons.length > 0 ? (
        <ul className="mt-3 list-disc pl-5 text-sm text-slate-600">
          {riskReasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
