import { BarPlot } from "@/components/monitor/bar-plot";
import { NumbersTable } from "@/components/monitor/numbers-table";
import { PlotCard } from "@/components/monitor/plot-card";
import { formatUsdMicros } from "@/domain/monitor/cost";
import { formatShare } from "@/domain/monitor/compare";
import { rate } from "@/domain/monitor/window";
import type { MonitorData } from "@/services/monitor/dashboard";
import { count, milliseconds } from "./format";

/**
 * Calls to the model providers in the period: volume, failures by class, latency, tokens, spend, the waits in the
 * shared model lanes (the budget as backpressure) and fallbacks.
 */
export function ModelCallsSection({ data }: { data: MonitorData }) {
  const groups = data.modelCalls.map((g) => ({
    ...g,
    label: `${g.provider} · ${g.model} · ${g.promptVersion ?? "no prompt"}`,
  }));
  const fallbacks = data.fallbacks.reduce((sum, f) => sum + f.documents, 0);
  return (
    <PlotCard
      id="model-calls"
      title="Model calls"
      description="By provider, model and prompt version. An error is a call that failed or answered outside its schema; a wait is the time a call queued behind the shared rate and in-flight limits before it began; a fallback is a document answered by another provider than the first one asked."
      empty={groups.length === 0 ? "No model was called in this period." : null}
    >
      <BarPlot
        rows={groups.map((g) => ({ label: g.label, ok: g.calls - g.errors, errors: g.errors }))}
        series={[
          { key: "ok", label: "Answered" },
          { key: "errors", label: "Errors" },
        ]}
        stacked
        horizontal
      />
      <NumbersTable
        caption="Model calls"
        columns={[
          "Provider · model · prompt",
          "Calls",
          "Errors",
          "Error rate",
          "p50 latency",
          "p95 latency",
          "Tokens in",
          "Tokens out",
          "Cached tokens",
          "Cost",
        ]}
        rows={groups.map((g) => [
          g.label,
          count(g.calls),
          count(g.errors),
          formatShare(rate(g.errors, g.calls)),
          milliseconds(g.p50LatencyMs),
          milliseconds(g.p95LatencyMs),
          count(g.inputTokens),
          count(g.outputTokens),
          count(g.cachedTokens),
          formatUsdMicros(g.costMicros),
        ])}
      />
      {data.modelErrors.length > 0 ? (
        <NumbersTable
          caption="Model errors by class"
          columns={["Provider · error class", "Calls"]}
          rows={data.modelErrors.map((e) => [`${e.provider} · ${e.errorClass}`, count(e.calls)])}
        />
      ) : (
        <p className="text-sm text-slate-600">No model call failed in this period.</p>
      )}
      {data.laneWaits.length > 0 ? (
        <NumbersTable
          caption="Waits in the model lanes"
          columns={["Lane · provider", "Calls begun", "p50 wait", "p95 wait", "Longest wait", "Gave way while queued"]}
          rows={data.laneWaits.map((w) => [
            `${w.lane || "—"} · ${w.provider}`,
            count(w.started),
            milliseconds(w.p50WaitMs),
            milliseconds(w.p95WaitMs),
            milliseconds(w.maxWaitMs),
            count(w.startTimeouts),
          ])}
        />
      ) : null}
      {fallbacks > 0 ? (
        <NumbersTable
          caption="Fallbacks taken"
          columns={["First asked → answered by", "Documents"]}
          rows={data.fallbacks.map((f) => [`${f.firstAsked} → ${f.answeredBy}`, count(f.documents)])}
        />
      ) : (
        <p className="text-sm text-slate-600">
          No fallback was taken in this period: every answer came from the first provider asked.
        </p>
      )}
    </PlotCard>
  );
}
