import { BarPlot } from "@/components/monitor/bar-plot";
import { NumbersTable } from "@/components/monitor/numbers-table";
import { PlotCard } from "@/components/monitor/plot-card";
import { bucketLabel } from "@/domain/monitor/period";
import type { MonitorData } from "@/services/monitor/dashboard";
import { count } from "./format";

const series = [
  { key: "received", label: "Received" },
  { key: "posted", label: "Posted" },
  { key: "rejected", label: "Rejected" },
  { key: "failed", label: "Failed" },
] as const;

/** Documents in and out per hour (periods up to two days) or per day. */
export function ThroughputSection({ data }: { data: MonitorData }) {
  const rows = data.throughput.map(({ bucket, ...counts }) => ({ ...counts, label: bucketLabel(bucket, data.bucket) }));
  const totals = series.map((s) => data.throughput.reduce((sum, r) => sum + r[s.key], 0));
  const empty = totals.every((t) => t === 0)
    ? "No documents were received, posted, rejected or failed in this period."
    : null;
  return (
    <PlotCard
      id="throughput"
      title="Throughput"
      description={`Documents received, posted, rejected and failed per ${data.bucket} (UTC).`}
      empty={empty}
    >
      <BarPlot rows={rows} series={[...series]} />
      <NumbersTable
        caption="Throughput"
        columns={[data.bucket === "hour" ? "Hour" : "Day", ...series.map((s) => s.label)]}
        rows={[
          ...rows
            .filter((r) => series.some((s) => r[s.key] > 0))
            .map((r) => [r.label, ...series.map((s) => count(r[s.key]))]),
          ["Total", ...totals.map(count)],
        ]}
      />
    </PlotCard>
  );
}
