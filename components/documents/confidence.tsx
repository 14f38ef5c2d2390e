import { cn } from "@/lib/cn";

/** Colours a confidence so low ones stand out: red under 0.6, amber under 0.85, green above. */
export function Confidence({ value }: { value: number }) {
  const tone = value < 0.6 ? "bg-red-50 text-red-800" : value < 0.85 ? "bg-amber-50 text-amber-900" : "bg-emerald-50 text-emerald-800";
  return (
    <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium tabular-nums", tone)} title="Confidence">
      {Math.round(value * 100)}%
    </span>
  );
}
