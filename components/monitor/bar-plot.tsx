"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Colours in a fixed order, so the same series keeps its colour across plots (received, posted, …). */
const palette = ["#334155", "#059669", "#d97706", "#dc2626", "#2563eb", "#7c3aed"];

export type PlotSeries = { key: string; label: string };
export type PlotRow = { label: string } & Record<string, string | number>;

/** How values read on the axis and in the tooltip: counts as they are, shares (0..1) as percent. */
export type PlotUnit = "count" | "share";

const formatters: Record<PlotUnit, (value: number) => string> = {
  count: (value) => String(value),
  share: (value) => `${(Math.round(value * 1000) / 10).toFixed(1)} %`,
};

/**
 * One bar plot: categories along one axis, a bar per series (stacked when the series are parts of one whole). With
 * `horizontal`, categories run down the side, which keeps long names readable on a phone. The numbers themselves
 * are in the table beside every plot; this is the picture of them, hidden from screen readers.
 */
export function BarPlot({
  rows,
  series,
  unit = "count",
  stacked = false,
  horizontal = false,
}: {
  rows: PlotRow[];
  series: PlotSeries[];
  unit?: PlotUnit;
  stacked?: boolean;
  horizontal?: boolean;
}) {
  const format = formatters[unit];
  // A share is read against the whole: 0 to 100 %, never an axis stretched from an all-zero series to 400 %.
  const valueDomain = unit === "share" ? ([0, 1] as [number, number]) : undefined;
  const height = horizontal ? Math.max(160, rows.length * (stacked ? 28 : 16 * series.length + 12) + 60) : 240;
  return (
    <div aria-hidden="true" className="w-full min-w-0" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={rows}
          layout={horizontal ? "vertical" : "horizontal"}
          margin={{ top: 8, right: 12, bottom: 4, left: 4 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {horizontal ? (
            <>
              <XAxis
                type="number"
                domain={valueDomain}
                tickFormatter={format}
                fontSize={11}
                allowDecimals={unit === "share"}
              />
              <YAxis type="category" dataKey="label" width={110} fontSize={11} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" fontSize={11} minTickGap={8} />
              <YAxis
                domain={valueDomain}
                tickFormatter={format}
                fontSize={11}
                width={44}
                allowDecimals={unit === "share"}
              />
            </>
          )}
          <Tooltip formatter={(value) => (typeof value === "number" ? format(value) : String(value))} />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={palette[i % palette.length]}
              isAnimationActive={false}
              {...(stacked ? { stackId: "all" } : {})}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
