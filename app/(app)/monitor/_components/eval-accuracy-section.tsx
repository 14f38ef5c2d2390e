import { EvalAccuracyChart } from "@/components/monitor/eval-accuracy-chart";
import { NumbersTable } from "@/components/monitor/numbers-table";
import { PlotCard } from "@/components/monitor/plot-card";
import { loadEvalAccuracy, type FieldAccuracy } from "@/services/evals/accuracy";
import { count, utc } from "./format";

const shown = (a: FieldAccuracy | undefined) =>
  a ? `${a.percent.toFixed(1)} % (${count(a.correct)}/${count(a.total)})` : "—";

/**
 * How the current extraction chain reads the documents people corrected and admins promoted to eval cases, per
 * field, at each eval run of the period (the daily drift check), with the latest run's corrected sample beside it.
 */
export async function EvalAccuracySection({ from, to }: { from: Date; to: Date }) {
  const { points, fields, latestSample } = await loadEvalAccuracy({ from, to });
  const first = points[0];
  const latest = points.at(-1);
  return (
    <PlotCard
      id="eval-accuracy"
      title="Accuracy on eval cases"
      description={
        latest
          ? `Each field read right, in percent, on the promoted eval cases at each eval run (${count(points.length)} in this period; the latest on ${count(latest.cases)} case(s) and ${count(latest.documentsSampled)} recently corrected document(s), at ${utc(new Date(latest.at))}).`
          : "Each field read right, in percent, on the promoted eval cases at each daily eval run."
      }
      empty={
        points.length === 0
          ? "No eval runs yet in this period."
          : fields.length === 0
            ? "No eval case was scored in this period: an admin promotes one from a decided task."
            : null
      }
    >
      <EvalAccuracyChart
        rows={points.map((p) => ({
          label: utc(new Date(p.at)).slice(5, 16),
          ...Object.fromEntries(fields.map((f) => [f.field, p.fields[f.field]?.percent ?? null])),
        }))}
        lines={fields.map((f) => ({ key: f.field, label: f.label }))}
      />
      <NumbersTable
        caption="Accuracy on eval cases by field"
        columns={[
          "Field",
          ...(first && first !== latest ? [`First run (${utc(new Date(first.at))})`] : []),
          "Latest run",
          "Recently corrected documents",
        ]}
        rows={fields.map((f) => [
          f.label,
          ...(first && first !== latest ? [shown(first.fields[f.field])] : []),
          shown(latest?.fields[f.field]),
          shown(latestSample[f.field]),
        ])}
      />
    </PlotCard>
  );
}
