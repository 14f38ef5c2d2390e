import { cn } from "@/lib/cn";

export type ConfidenceBand = "low" | "medium" | "high";

/** Red under 0.6, amber under 0.85, green above: the bands every confidence colour on the screens uses. */
export function confidenceBand(value: number): ConfidenceBand {
  return value < 0.6 ? "low" : value < 0.85 ? "medium" : "high";
}

const badgeTones: Record<ConfidenceBand, string> = {
  low: "bg-red-50 text-red-800",
  medium: "bg-amber-50 text-amber-900",
  high: "bg-emerald-50 text-emerald-800",
};

/** Colours a confidence so low ones stand out. */
export function Confidence({ value }: { value: number }) {
  return (
    <span
      className={cn("rounded px-1.5 py-0.5 text-xs font-medium tabular-nums", badgeTones[confidenceBand(value)])}
      title="Confidence"
    >
      {Math.round(value * 100)}%
    </span>
  );
}
