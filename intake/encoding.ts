/** How bytes of text were decoded, so a reader can say so in a warning. */
export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
export type DecodedText = { text: string; encoding: TextEncodingName; bom: boolean };

/**
 * Decodes text the way people's files arrive: a BOM wins; UTF-16 without a BOM shows as every other byte zero;
 * valid UTF-8 is UTF-8; anything else is treated as Windows-1252 (a superset of Latin-1 that Excel and Outlook write).
 */
export function decodeText(bytes: Uint8Array, options: { truncated?: boolean } = {}): DecodedText {
  // A sample cut from a longer file may end inside a UTF-8 sequence; streaming mode leaves that tail undecoded.
  const stream = options.truncated ?? false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: decode("utf-8", bytes.subarray(3)), encoding: "utf-8", bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: decode("utf-16le", bytes.subarray(2)), encoding: "utf-16le", bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: decode("utf-16be", bytes.subarray(2)), encoding: "utf-16be", bom: true };
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: decode(utf16, bytes), encoding: utf16, bom: false };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream }), encoding: "utf-8", bom: false };
  } catch {
    return { text: decode("windows-1252", bytes), encoding: "windows-1252", bom: false };
  }
}

function decode(encoding: TextEncodingName, bytes: Uint8Array): string {
  return new TextDecoder(encoding).decode(bytes);
}

function guessBomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const sample = bytes.subarray(0, 4096 - (Math.min(bytes.length, 4096) % 2));
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  // ASCII-range text in UTF-16 has one zero byte per character, always on the same side.
  if (oddZeros / pairs > 0.6 && evenZeros / pairs < 0.1) return "utf-16le";
  if (evenZeros / pairs > 0.6 && oddZeros / pairs < 0.1) return "utf-16be";
  return null;
}

/**
 * Share of characters that no text file contains: NUL, other C0/C1 controls besides tab, newline, carriage
 * return and form feed, and U+FFFD from undecodable bytes.
 */
export function junkRatio(text: string): number {
  if (text.length === 0) return 0;
  let junk = 0;
  let total = 0;
  for (const char of text.slice(0, 65_536)) {
    total++;
    const code = char.codePointAt(0) ?? 0;
    if (code === 9 || code === 10 || code === 12 || code === 13) continue;
    if (code < 32 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0xfffd) junk++;
  }
  return junk / total;
}
