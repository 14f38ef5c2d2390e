import { BarPlot } from "@/components/monitor/bar-plot";
import { NumbersTable } from "@/components/monitor/numbers-table";
import { PlotCard } from "@/components/monitor/plot-card";
import { formatHandling, formatUsdMicros } from "@/domain/monitor/cost";
import { minorDigits } from "@/domain/money";
import { taskTypeLabels, type TaskType } from "@/domain/task-types";
import type { MonitorData, PricedGroup } from "@/services/monitor/dashboard";
import { count, money } from "./format";

/**
 * What an approved (posted) document cost: its model calls plus people's focused time on its tasks at the hourly
 * rate, per document, overall, by the task types documents went through and by vendor.
 */
export function CostSection({ data }: { data: MonitorData }) {
  const { cost } = data;
  const { currency } = cost;
  const row = (label: string, g: PricedGroup) => [
    label,
    count(g.documents),
    formatUsdMicros(g.modelMicros),
    formatHandling(g.handlingMs),
    g.modelMinor === null ? "—" : money(g.modelMinor, currency),
    money(g.handlingMinor, currency),
    g.perDocumentMinor === null ? "—" : money(g.perDocumentMinor, currency),
  ];
  const columns = [
    "",
    "Documents",
    "Model (USD)",
    "Handling time",
    `Model (${currency})`,
    `Handling (${currency})`,
    "Per document",
  ];
  // The plot reads major units: a bar's length is what a reader would say, "12.25 EUR".
  const major = (minor: number, documents: number) => minor / Math.max(1, documents) / 10 ** minorDigits(currency);
  const typeLabel = (key: string | null) =>
    key === null ? "No task (straight through)" : taskTypeLabels[key as TaskType];
  return (
    <PlotCard
      id="cost"
      title="Cost per approved document"
      description={`Model calls plus people's focused time on the document's tasks at ${money(cost.hourlyRateMinor, currency)} an hour (Settings → Operations), over the ${count(cost.total.documents)} document(s) posted in the period. By task type, a document counts under every type it went through.`}
      empty={cost.total.documents === 0 ? "No document was posted in this period, so none has a cost yet." : null}
    >
      {cost.total.missingRate ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Model cost is in USD and handling in {currency}; they are shown apart. {cost.total.missingRate}
        </p>
      ) : (
        <p className="text-sm text-slate-800">
          <span className="text-2xl font-semibold">{money(cost.total.perDocumentMinor ?? 0, currency)}</span> per
          approved document
        </p>
      )}
      <BarPlot
        rows={cost.byTaskType.map((g) => ({
          label: typeLabel(g.key),
          model: major(g.modelMinor ?? 0, g.documents),
          handling: major(g.handlingMinor, g.documents),
        }))}
        series={[
          { key: "model", label: `Model (${currency})` },
          { key: "handling", label: `Handling (${currency})` },
        ]}
        stacked
        horizontal
      />
      <NumbersTable
        caption="Cost by task type"
        columns={["Task type", ...columns.slice(1)]}
        rows={[row("All approved documents", cost.total), ...cost.byTaskType.map((g) => row(typeLabel(g.key), g))]}
      />
      <NumbersTable
        caption="Cost by vendor"
        columns={["Vendor", ...columns.slice(1)]}
        rows={cost.byVendor.map((g) => row(g.key ?? "No vendor", g))}
      />
    </PlotCard>
  );
}
