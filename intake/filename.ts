// Bidi controls (U+202A–202E, U+2066–2069, LRM/RLM/ALM) make "invoice\u202Efdp.exe" display as "invoiceexe.pdf";
// zero-width characters hide differences between names that look the same.
const invisible = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const controls = /[\u0000-\u001f\u007f-\u009f]/g;
const windowsForbidden = /[<>:"|?*]/g;
const reservedWindowsNames = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

export type SanitizeOptions = { maxLength?: number; fallback?: string };

/**
 * Makes an uploaded file's name safe to store, show and offer for download: no directories, control or bidi
 * characters, Windows-forbidden characters or device names, no leading dots, and at most `maxLength` UTF-8 bytes
 * (255 is what file systems allow) with the extension kept.
 */
export function sanitizeFilename(name: string, options: SanitizeOptions = {}): string {
  const maxLength = options.maxLength ?? 200;
  const fallback = options.fallback ?? "document";
  const base = name.normalize("NFC").replace(invisible, "").replace(controls, "").split(/[/\\]/).pop() ?? "";
  let cleaned = base
    .replace(windowsForbidden, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  const { stem, extension } = splitExtension(cleaned);
  cleaned = stem === "" ? `${fallback}${extension}` : cleaned;
  const split = splitExtension(cleaned);
  const safeStem = reservedWindowsNames.test(split.stem) ? `_${split.stem}` : split.stem;
  return truncate(safeStem, split.extension, maxLength);
}

/** ".pdf" from "scan.PDF" as ".PDF"; an extension is a final dot and 1–10 letters or digits. */
export function splitExtension(name: string): { stem: string; extension: string } {
  const match = /^(.*?)(\.[A-Za-z0-9]{1,10})$/.exec(name);
  if (!match) return { stem: name, extension: "" };
  return { stem: match[1] ?? "", extension: match[2] ?? "" };
}

function truncate(stem: string, extension: string, maxLength: number): string {
  const encoder = new TextEncoder();
  const budget = maxLength - encoder.encode(extension).length;
  if (encoder.encode(stem).length <= budget) return `${stem}${extension}`;
  let out = "";
  let used = 0;
  // Whole code points only, so a cut never leaves half a surrogate pair or half a UTF-8 sequence.
  for (const char of stem) {
    const size = encoder.encode(char).length;
    if (used + size > budget) break;
    out += char;
    used += size;
  }
  return `${out.trimEnd()}${extension}`;
}
