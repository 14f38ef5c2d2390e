/**
 * Where a document falls in [0, 1): FNV-1a over its id, so the same document always lands in the same place — a
 * replayed run, a retried step and a second look all decide alike — and ids spread evenly across the range.
 */
export function samplePoint(documentId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < documentId.length; i++) {
    hash ^= documentId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}

/** Whether an auto-posted document is drawn for a QA review at `rate` (a share in [0, 1]): 0 draws none, 1 all. */
export function isSampledForQa(documentId: string, rate: number): boolean {
  return rate > 0 && samplePoint(documentId) < rate;
}
