/** A moment as people read it in Keel: "2026-11-25 04:44 UTC". */
export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
