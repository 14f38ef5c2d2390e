import { BarPlot } from "@/components/monitor/bar-plot";
import { NumbersTable } from "@/components/monitor/numbers-table";
import { PlotCard } from "@/components/monitor/plot-card";
import { formatShare } from "@/domain/monitor/compare";
import { rate } from "@/domain/monitor/window";
import type { MonitorData } from "@/services/monitor/dashboard";
import { count } from "./format";

/**
 * Of the documents that ended (posted or rejected), the share posted with no person's task, against the baseline;
 * and among those auto-posted, what QA review and later corrections found wrong.
 */
export function StraightThroughSection({ data }: { data: MonitorData }) {
  const { current, baseline } = data.straightThrough;
  const { qa } = data;
  const periods = [
    { label: "This period", ...current },
    { label: "Baseline", ...baseline },
  ];
  return (
    <PlotCard
      id="straight-through"
      title="Straight-through"
      description="Documents posted with no task for a person (a QA review sampled afterwards does not count), of all documents posted or rejected."
      empty={
        current.decided === 0 && baseline.decided === 0
          ? "No document was posted or rejected in this period or the one before."
          : null
      }
    >
      <BarPlot
        rows={periods.map((p) => ({ label: p.label, rate: p.rate ?? 0 }))}
        series={[{ key: "rate", label: "Straight-through rate" }]}
        unit="share"
        horizontal
      />
      <NumbersTable
        caption="Straight-through"
        columns={["Period", "Posted or rejected", "Auto-posted", "Straight-through rate"]}
        rows={periods.map((p) => [p.label, count(p.decided), count(p.autoPosted), formatShare(p.rate)])}
      />
      <NumbersTable
        caption="Auto-posted documents found wrong"
        columns={["Auto-posted documents", "Count", "Share"]}
        rows={[
          ["Auto-posted", count(qa.autoPosted), ""],
          ["QA reviewed", count(qa.reviewed), formatShare(rate(qa.reviewed, qa.autoPosted))],
          ["Found wrong by QA", count(qa.foundWrong), formatShare(rate(qa.foundWrong, qa.reviewed))],
          ["Corrected after posting", count(qa.corrected), formatShare(rate(qa.corrected, qa.autoPosted))],
        ]}
      />
    </PlotCard>
  );
}
