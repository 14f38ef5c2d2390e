import { BarPlot } from "@/components/monitor/bar-plot";
import { NumbersTable } from "@/components/monitor/numbers-table";
import { PlotCard } from "@/components/monitor/plot-card";
import { documentClassLabels } from "@/app/(app)/documents/_components/document-labels";
import { documentClasses, type DocumentClass } from "@/domain/documents/types";
import { compareRates, formatPoints, formatShare } from "@/domain/monitor/compare";
import { rate } from "@/domain/monitor/window";
import type { MonitorData } from "@/services/monitor/dashboard";
import { count } from "./format";

const UNCLASSIFIED = "Not classified";

/** What kinds of document arrived, as shares of the period's documents, against the baseline. */
export function ClassMixSection({ data }: { data: MonitorData }) {
  const { current, baseline } = data.classMix;
  const total = (rows: typeof current) => rows.reduce((sum, r) => sum + r.documents, 0);
  const [now, then] = [total(current), total(baseline)];
  const of = (rows: typeof current, cls: DocumentClass | null) =>
    rows.find((r) => r.documentClass === cls)?.documents ?? 0;
  const classes = [...documentClasses, null].filter((cls) => of(current, cls) > 0 || of(baseline, cls) > 0);
  const rows = classes.map((cls) => {
    const [a, b] = [of(current, cls), of(baseline, cls)];
    return { label: cls ? documentClassLabels[cls] : UNCLASSIFIED, a, b, now: rate(a, now), then: rate(b, then) };
  });
  return (
    <PlotCard
      id="class-mix"
      title="Document classes"
      description={`The ${count(now)} document(s) received in the period by class, against the ${count(then)} of the baseline.`}
      empty={now === 0 ? "No document was received in this period." : null}
    >
      <BarPlot
        rows={rows.map((r) => ({ label: r.label, now: r.now ?? 0, then: r.then ?? 0 }))}
        series={[
          { key: "now", label: "This period" },
          { key: "then", label: "Baseline" },
        ]}
        unit="share"
        horizontal
      />
      <NumbersTable
        caption="Document classes"
        columns={["Class", "Documents", "Share", "Baseline", "Baseline share", "Change"]}
        rows={rows.map((r) => [
          r.label,
          count(r.a),
          formatShare(r.now),
          count(r.b),
          formatShare(r.then),
          formatPoints(compareRates(r.now, r.then).deltaPoints),
        ])}
      />
    </PlotCard>
  );
}
