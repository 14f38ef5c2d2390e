import { Badge, type BadgeTone } from "@/components/ui/badge";

const tones: Record<string, BadgeTone> = {
  Running: "info",
  Completed: "success",
  Failed: "danger",
  Cancelled: "neutral",
  completed: "success",
  failed: "danger",
  running: "info",
  waiting: "warning",
  sleeping: "warning",
};

export function RunStatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status] ?? "neutral"}>{status}</Badge>;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${String(Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${String(Math.floor(ms / 60_000))} min ${String(Math.round((ms % 60_000) / 1000))} s`;
  // Sleeps and waits last days: "44640 min" would say nothing at a glance.
  if (ms < 86_400_000)
    return `${String(Math.floor(ms / 3_600_000))} h ${String(Math.floor((ms % 3_600_000) / 60_000))} min`;
  return `${String(Math.floor(ms / 86_400_000))} d ${String(Math.floor((ms % 86_400_000) / 3_600_000))} h`;
}

export function formatTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
