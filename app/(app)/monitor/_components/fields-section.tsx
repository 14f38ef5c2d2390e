import { BarPlot } from "@/components/monitor/bar-plot";
import { NumbersTable } from "@/components/monitor/numbers-table";
import { PlotCard } from "@/components/monitor/plot-card";
import { fieldHeading } from "@/app/(app)/documents/_components/document-labels";
import { isExtractionFieldName } from "@/domain/documents/fields";
import { compareRates, formatPoints, formatShare } from "@/domain/monitor/compare";
import type { FieldStat } from "@/services/monitor/metrics";
import type { MonitorData } from "@/services/monitor/dashboard";
import { count } from "./format";

export const fieldName = (field: string) => (isExtractionFieldName(field) ? fieldHeading(field, null) : field);

const confidence = (value: number | null) => (value === null ? "—" : value.toFixed(2));

/**
 * Per extraction field, over the documents received in the period: how often the machine left it empty, how sure
 * it was, and how often a person changed its value, each against the baseline period.
 */
export function FieldsSection({ data }: { data: MonitorData }) {
  const { current, baseline } = data.fields;
  const before = (field: string) => baseline.find((b) => b.field === field);
  const plot = (key: "emptyRate" | "correctionRate") =>
    current.map((s) => ({ label: fieldName(s.field), now: s[key] ?? 0, before: before(s.field)?.[key] ?? 0 }));
  const series = [
    { key: "now", label: "This period" },
    { key: "before", label: "Baseline" },
  ];
  const documents = current[0]?.documents ?? 0;
  return (
    <PlotCard
      id="fields"
      title="Fields"
      description={`Over the ${count(documents)} document(s) received in the period with a machine extraction (baseline: ${count(baseline[0]?.documents ?? 0)}). Confidence is the machine's, 0 to 1; corrected means a person changed the value.`}
      empty={
        documents === 0 ? "No document received in this period has an extraction, so no field can be measured." : null
      }
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <figure className="min-w-0">
          <figcaption className="text-sm font-medium text-slate-700">Empty rate</figcaption>
          <BarPlot rows={plot("emptyRate")} series={series} unit="share" horizontal />
        </figure>
        <figure className="min-w-0">
          <figcaption className="text-sm font-medium text-slate-700">Correction rate</figcaption>
          <BarPlot rows={plot("correctionRate")} series={series} unit="share" horizontal />
        </figure>
      </div>
      <FieldTable caption="Fields" current={current} baseline={baseline} />
    </PlotCard>
  );
}

/** The per-field numbers; with a baseline, each rate is followed by its baseline and the change in points. */
export function FieldTable({
  caption,
  current,
  baseline,
}: {
  caption: string;
  current: FieldStat[];
  baseline?: FieldStat[];
}) {
  const before = (field: string) => baseline?.find((b) => b.field === field);
  const withBaseline = (now: number | null, then: number | null | undefined) =>
    baseline
      ? [formatShare(now), formatShare(then ?? null), formatPoints(compareRates(now, then ?? null).deltaPoints)]
      : [formatShare(now)];
  return (
    <NumbersTable
      caption={caption}
      columns={
        baseline
          ? ["Field", "Empty", "Baseline", "Change", "Confidence", "Baseline", "Corrected", "Baseline", "Change"]
          : ["Field", "Empty", "Confidence", "Corrected"]
      }
      rows={current.map((s) => {
        const b = before(s.field);
        return [
          fieldName(s.field),
          ...withBaseline(s.emptyRate, b?.emptyRate),
          confidence(s.meanConfidence),
          ...(baseline ? [confidence(b?.meanConfidence ?? null)] : []),
          ...withBaseline(s.correctionRate, b?.correctionRate),
        ];
      })}
    />
  );
}
