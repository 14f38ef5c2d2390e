import type { Evidence, ExtractedText } from "./types";

const maxLines = 4;
// Lines under a letterhead that are not its postal address: contact, tax and bank lines, and the document's own
// headings and labels.
const notAddress =
  /^(?:phone|tel|telefon|téléphone|fax|e-?mail|mail|www\.|https?:|web|vat|tax|ein|gstin|ust|uid|mwst|tva|btw|nip|cif|nif|p\.?\s?iva|iban|bic|swift|bank|invoice|rechnung|facture|factuur|factura|fattura|faktura|bill\s+to|ship\s+to|customer|kunde|client)\b/iu;

/**
 * The seller's postal address as printed under its name: the lines below the name in the name's column, up to the
 * first blank cell or a line that is not an address (contact, tax id, bank, a heading). Read for a person to check
 * when a vendor is set up from the document; linear in the lines it looks at.
 */
export function sellerAddress(text: ExtractedText | undefined, name: Evidence | null): string {
  if (!text || !name) return "";
  const page = text.pages.find((p) => p.page === name.page);
  if (!page) return "";
  const lineStart = page.text.lastIndexOf("\n", name.start - 1) + 1;
  const column = name.start - lineStart;
  const lines = page.text.slice(page.text.indexOf("\n", name.end) + 1 || page.text.length).split("\n", maxLines + 1);
  const parts: string[] = [];
  for (const line of lines.slice(0, maxLines)) {
    const cell = cellAt(line, column);
    if (cell === "" || notAddress.test(cell)) break;
    parts.push(cell);
  }
  return parts.join(", ");
}

/** The text of a line's cell (runs separated by two or more spaces) that covers or starts nearest after `column`. */
function cellAt(line: string, column: number): string {
  for (const m of line.matchAll(/\S+(?: \S+)*/gu)) {
    const end = m.index + m[0].length;
    if (end > column && m.index <= column + 2) return m[0].trim();
    if (m.index > column + 2) return "";
  }
  return "";
}
