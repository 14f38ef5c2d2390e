import type { Finding } from "@/domain/documents/types";

/**
 * The lines that say something the findings beside them do not: a task's reasons and the risk's reasons often quote
 * a finding's message (the risk adds its points after it), and a page prints each finding once.
 */
export function unrepeated(lines: readonly string[], findings: readonly Finding[]): string[] {
  return lines.filter((line) => !findings.some((f) => line.startsWith(f.message)));
}
