"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const palette = ["#334155", "#059669", "#d97706", "#dc2626", "#2563eb", "#7c3aed", "#0891b2", "#be185d"];

export type AccuracyLine = { key: string; label: string };
export type AccuracyRow = { label: string } & Record<string, string | number | null>;

const percent = (value: number) => `${value.toFixed(1)} %`;

/**
 * Accuracy over time, one line per field, 0–100 %. A run that did not score a field leaves a gap in its line
 * rather than a fall to zero. The numbers are in the table beside it; this is their picture, hidden from screen
 * readers.
 */
export function EvalAccuracyChart({ rows, lines }: { rows: AccuracyRow[]; lines: AccuracyLine[] }) {
  return (
    <div aria-hidden="true" className="h-64 w-full min-w-0">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" fontSize={11} minTickGap={8} />
          <YAxis domain={[0, 100]} tickFormatter={percent} fontSize={11} width={52} />
          <Tooltip formatter={(value) => (typeof value === "number" ? percent(value) : String(value))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {lines.map((line, i) => (
            <Line
              key={line.key}
              type="monotone"
              dataKey={line.key}
              name={line.label}
              stroke={palette[i % palette.length]}
              dot={rows.length < 40}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
