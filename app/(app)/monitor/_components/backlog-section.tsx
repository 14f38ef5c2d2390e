import { BarPlot } from "@/components/monitor/bar-plot";
import { NumbersTable } from "@/components/monitor/numbers-table";
import { PlotCard } from "@/components/monitor/plot-card";
import { ageBands } from "@/domain/monitor/age-bands";
import { taskTypeLabels, taskTypes } from "@/domain/task-types";
import type { MonitorData } from "@/services/monitor/dashboard";
import { count, utc } from "./format";

/** The tasks open at the period's end by type and by how long they had waited, and those past their deadline. */
export function BacklogSection({ data }: { data: MonitorData }) {
  const types = taskTypes.filter((type) => data.backlog.some((r) => r.type === type));
  const cell = (type: string, band: string) => data.backlog.find((r) => r.type === type && r.band === band)?.open ?? 0;
  const rows = types.map((type) => ({
    label: taskTypeLabels[type],
    ...Object.fromEntries(ageBands.map((b) => [b.key, cell(type, b.key)])),
  }));
  const sum = (type: string, key: "open" | "overdue") =>
    data.backlog.filter((r) => r.type === type).reduce((total, r) => total + r[key], 0);
  const overdue = data.backlog.reduce((total, r) => total + r.overdue, 0);
  return (
    <PlotCard
      id="backlog"
      title="Backlog"
      description={`Tasks open at ${utc(data.window.to)}, by type and by how long they had waited; ${count(overdue)} past their deadline.`}
      empty={types.length === 0 ? "No task was open at the end of this period." : null}
    >
      <BarPlot rows={rows} series={ageBands.map((b) => ({ key: b.key, label: b.label }))} stacked horizontal />
      <NumbersTable
        caption="Backlog"
        columns={["Task type", ...ageBands.map((b) => b.label), "Open", "Past deadline"]}
        rows={types.map((type) => [
          taskTypeLabels[type],
          ...ageBands.map((b) => count(cell(type, b.key))),
          count(sum(type, "open")),
          count(sum(type, "overdue")),
        ])}
      />
    </PlotCard>
  );
}
