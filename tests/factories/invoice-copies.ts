/**
 * The ways one invoice reaches Keel twice with different bytes: a mail gateway appends a byte, the vendor's system
 * exports it again with its layout reflowed, or someone scans the paper copy again and OCR misreads a few characters.
 */

export function appendByte(text: string): string {
  return `${text}\n`;
}

/** The same words in another layout: columns flattened to one per line, spacing and line breaks changed. */
export function reflow(text: string): string {
  return text
    .split("\n")
    .flatMap((line) => line.trim().split(/ {3,}/))
    .map((cell) => cell.replace(/ {2,}/g, " "))
    .filter((cell) => cell !== "" && !/^-+$/.test(cell))
    .join("\r\n");
}

// What OCR typically reads instead of a character.
const misreads: Record<string, string> = {
  O: "0",
  o: "0",
  l: "1",
  I: "l",
  e: "c",
  S: "5",
  B: "8",
  m: "rn",
  ",": ".",
  a: "o",
  n: "h",
  u: "v",
};

/**
 * A re-scan: about one character in `every` misread (or dropped), the same ones for the same seed. A
 * deterministic generator keeps a failing case reproducible.
 */
export function ocrNoise(text: string, every = 30, seed = 7): string {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  let out = "";
  for (const char of text) {
    if (/\s/.test(char) || next() >= 1 / every) {
      out += char;
      continue;
    }
    out += misreads[char] ?? (next() < 0.5 ? "" : char);
  }
  return out;
}
