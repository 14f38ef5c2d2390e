/**
 * A content fingerprint of a document's text: a MinHash sketch of its character shingles, so that two documents
 * whose texts share most of their shingles are found and compared without comparing the texts themselves. The same
 * invoice mailed again with a byte appended, exported again with its lines reflowed, or scanned again through OCR
 * keeps almost all of its shingles; an unrelated invoice shares few.
 *
 * The sketch is split into LSH bands: two documents that agree on every value of at least one band share a band key,
 * which the database finds with an index probe. Band keys only nominate candidates; the sketches decide.
 */

/** Bumped whenever anything below changes what a sketch is; sketches of another version are not compared. */
export const fingerprintVersion = 1;

const hashCount = 128;
const bandRows = 4;
const bandCount = hashCount / bandRows;
const shingleLength = 5;

/**
 * Estimated share of shingles two texts have in common at or above which they read as the same document. A re-export
 * or an appended byte scores 1; a re-scan with one character in 15 to 30 misread scores 0.8 to 0.95 (see
 * fingerprint.test.ts). A short invoice on the vendor's template with one line changed can score 0.8 too, which is
 * why the duplicate rule also lets a different number and a different total tell two documents apart.
 */
export const nearIdenticalSimilarity = 0.75;

/** Fewer significant characters than this say nothing about identity: every blank scan would match every other. */
const minimumCharacters = 80;

/** An invoice is told apart by its first pages; the cap keeps a hostile megabyte of text from costing more. */
const maximumCharacters = 200_000;

/**
 * Characters OCR confuses are folded into one, and spacing and punctuation dropped, so that a re-scan, which splits
 * and joins words differently and misreads 0 as O, reads the same. Linear in the text.
 */
export function normalizeForFingerprint(text: string): string {
  return text
    .slice(0, maximumCharacters * 2)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/rn/g, "m")
    .replace(/vv/g, "w")
    .replace(/[^\p{L}\p{N}]+/gu, "")
    .replace(/[0o]/g, "o")
    .replace(/[1il]/g, "l")
    .replace(/5/g, "s")
    .replace(/8/g, "b")
    .slice(0, maximumCharacters);
}

/** The MinHash sketch of a text, as signed 32-bit integers (PostgreSQL's integer); null when too little text. */
export function fingerprintText(text: string): number[] | null {
  const normalized = normalizeForFingerprint(text);
  if (normalized.length < minimumCharacters) return null;
  const shingles = new Set<number>();
  for (let start = 0; start + shingleLength <= normalized.length; start++) {
    let hash = 0x811c9dc5;
    for (let offset = 0; offset < shingleLength; offset++) {
      hash = Math.imul(hash ^ normalized.charCodeAt(start + offset), 0x01000193);
    }
    shingles.add(hash >>> 0);
  }
  const sketch = new Array<number>(hashCount).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let index = 0; index < hashCount; index++) {
      const value = mix(shingle ^ (seeds[index] ?? 0));
      if (value < (sketch[index] ?? 0)) sketch[index] = value;
    }
  }
  return sketch.map((value) => value | 0);
}

/** The estimated share of shingles two texts have in common, 0 to 1; 0 for sketches that cannot be compared. */
export function textSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== hashCount || b.length !== hashCount) return 0;
  let same = 0;
  for (let index = 0; index < hashCount; index++) if (a[index] === b[index]) same++;
  return same / hashCount;
}

/** One key per band; two sketches that share a key are candidates for comparison. */
export function fingerprintBandKeys(sketch: readonly number[]): string[] {
  if (sketch.length !== hashCount) return [];
  const keys: string[] = [];
  for (let band = 0; band < bandCount; band++) {
    let hash = 0x811c9dc5;
    for (let row = 0; row < bandRows; row++) hash = Math.imul(hash ^ (sketch[band * bandRows + row] ?? 0), 0x01000193);
    keys.push(`text:${String(fingerprintVersion)}:${String(band)}:${(hash >>> 0).toString(36)}`);
  }
  return keys;
}

/** MurmurHash3's finaliser: spreads every input bit over the output, unsigned. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Fixed, so a sketch stored today compares with one computed next year.
const seeds: readonly number[] = Array.from({ length: hashCount }, (_, index) => mix(Math.imul(index + 1, 0x9e3779b1)));
