import { Badge } from "@/components/ui/badge";
import type { Finding } from "@/domain/documents/types";
import { cn } from "@/lib/cn";

/** The rules that fired on a document, each badged by its severity. */
export function FindingList({ findings, className }: { findings: Finding[]; className?: string }) {
  return (
    <ul className={cn("space-y-2", className)}>
      {findings.map((finding, i) => (
        <li key={i} className="flex gap-2">
          <Badge
            tone={finding.severity === "error" ? "danger" : finding.severity === "warning" ? "warning" : "neutral"}
          >
            {finding.rule}
          </Badge>
          <span>{finding.message}</span>
        </li>
      ))}
    </ul>
  );
}
