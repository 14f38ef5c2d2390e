/** A stretch of page text, marked when it is the evidence of a field. */
export type Segment = { text: string; mark: string | null };
export type Mark = { key: string; start: number; end: number };

/**
 * Cuts a page's text into plain and marked stretches. Marks are character offsets into the text; one that runs past
 * the end is clipped, and one that overlaps an earlier mark is left out (the earlier, by position, keeps its place)
 * so every character is shown exactly once.
 */
export function highlight(text: string, marks: readonly Mark[]): Segment[] {
  const sorted = marks
    .map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(text.length, m.end) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let at = 0;
  for (const mark of sorted) {
    if (mark.start < at) continue;
    if (mark.start > at) segments.push({ text: text.slice(at, mark.start), mark: null });
    segments.push({ text: text.slice(mark.start, mark.end), mark: mark.key });
    at = mark.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: null });
  return segments;
}
