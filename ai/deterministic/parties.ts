/**
 * Who is who on a document: the buyer's blocks (bill-to, ship-to, a recipient's address window) and what points at
 * the seller (the IBAN's account holder, footer legal lines, the seller's tax id, its email and web domain).
 */
import { allMatches } from "@/domain/parse/matches";
import { findIbans, findTaxIds } from "@/domain/parse/identifiers";
import type { DocContext } from "./context";
import { customerLabels, taxIdLabels, vendorLabels } from "./labels";
import { segments, type Line } from "./lines";
import { findLabels, foldAccents, label, type Label } from "./locate";
import { isRegistryLine, startsWithSalutation } from "./name-shape";

/** Lines `from`..`to` at horizontal position `x`; `labelEnd` (a column on the label line) where another column starts. */
export type Region = { from: number; to: number; x: number; labelEnd?: number };

// Buyer headings the shared customer vocabulary lacks (Dutch, billing/shipping address forms, ES/IT/PL addresses).
const moreBuyerLabels: Label[] = [
  label(String.raw`guest(?:\s*name)?|company(?=\s*:)`),
  label(
    String.raw`factuur\s*-?\s*adres|lever(?:ings)?\s*-?\s*adres|billing\s*address|invoice\s*address|shipping\s*address|delivery\s*address`,
  ),
  label(
    String.raw`direcci[oó]n\s*de\s*(?:facturaci[oó]n|env[ií]o|entrega)|indirizzo\s*di\s*(?:fatturazione|consegna|spedizione)|adres\s*(?:dostawy|do\s*faktury)`,
  ),
  // Portuguese letters address the customer as "Exmo(s). Sr(s)." above its name and address.
  label(String.raw`exm[oa]s?\.?(?:\([oa]?s\))?\.?\s*(?:sr[as]?|senhor(?:a|es)?)\.?(?:\(a?s\))?\.?`),
];
const buyerLabels: Label[] = [...customerLabels, ...moreBuyerLabels, label(String.raw`to(?=\s*:)`, 0.8)];

/** Headings of the seller's block: the shared vendor vocabulary, "From:", "Sold by" and the legal-name labels. */
export const sellerLabels: Label[] = [
  ...vendorLabels,
  label(
    String.raw`from(?=\s*:)|sold\s*by|(?:bill(?:ed)?|invoice)\s*from|raz\p{L}n\s*social|denominaci[oó]n\s*social|ragione\s*sociale|nom\s*commercial`,
  ),
];

// A department or attention line inside a recipient's address block.
const recipientLine =
  /^(?:accounts\s+payable|purchase\s+ledger|finance\s+department|z\.\s?hd\.?|zu\s+h(?:än|a)nden|(?:kreditoren)?buchhaltung|service\s+(?:comptabilit[ée]|achats)|comptabilit[ée]\s+fournisseurs|crediteurenadministratie|t\.?\s?a\.?\s?v\.?|contabilidad|amministrazione|c\/o)(?![\p{L}\d])/iu;

// A one-word cell that opens a recipient's address window ("An", "À", "Aan").
const addressee = /^(?:an|à|a|aan|to|para|do)$/iu;

/** A block runs until a blank line, at most 8 lines, and never into the next party's heading (OCR drops blank lines). */
const blockEnd = (ctx: DocContext, from: number, headings: Set<number>): number => {
  let to = from;
  while (
    to + 1 < ctx.lines.length &&
    to - from < 7 &&
    (ctx.lines[to + 1]?.text.trim() ?? "") !== "" &&
    !headings.has(to + 1)
  )
    to += 1;
  return to;
};

const regionCache = new WeakMap<Line[], Region[]>();
const segmentCache = new WeakMap<Line, ReturnType<typeof segments>>();

// Every label hit on a line asks for the cells of that line and the next: once per line keeps it linear.
function cellsOf(line: Line): ReturnType<typeof segments> {
  let cells = segmentCache.get(line);
  if (!cells) segmentCache.set(line, (cells = segments(line)));
  return cells;
}

/** The buyer's blocks: under a customer label (the label's column, until a blank line), or under a salutation. */
export function buyerRegions(ctx: DocContext): Region[] {
  const cached = regionCache.get(ctx.lines);
  if (cached) return cached;
  const buyerHits = findLabels(ctx.lines, buyerLabels);
  const headings = new Set([...findLabels(ctx.lines, sellerLabels), ...buyerHits].map((h) => h.line.index));
  const labelled = buyerHits.map((hit) => {
    const to = blockEnd(ctx, hit.line.index, headings);
    // "Bill To:  Studio Kranich" over two-column lines: the cell after the gap heads the other column, not the customer.
    const next = ctx.lines[hit.line.index + 1];
    const twoColumns = hit.line.index < to && next !== undefined && cellsOf(next).length >= 2;
    const labelCell = cellAround(cellsOf(hit.line), hit.start);
    return {
      from: hit.line.index,
      to,
      x: hit.line.x(hit.start),
      labelEnd: twoColumns && labelCell ? labelCell.end : undefined,
    };
  });
  const windows: Region[] = [];
  // An unlabelled recipient block gives itself away by a department or attention line under the company's name
  // ("Harrow & Finch Ltd / Accounts Payable"): the block from its first line is the buyer's.
  for (const line of ctx.lines) {
    const cell = cellsOf(line).find((c) => recipientLine.test(c.text));
    if (!cell) continue;
    const x = line.x(cell.start);
    let from = line.index;
    while (from > line.index - 3 && from > 0 && segmentAt(ctx.lines[from - 1], x) && !headings.has(from - 1)) from -= 1;
    windows.push({ from, to: blockEnd(ctx, from, headings), x });
  }
  for (const line of ctx.lines) {
    // One address window opens per line at most: a line of repeated salutations must not cost a scan each.
    const cell = segments(line).find((s) => startsWithSalutation(s.text) || addressee.test(s.text));
    // Only a block's first line: a salutation inside a letter's text is no address.
    if (!cell || (line.index > 0 && segmentAt(ctx.lines[line.index - 1], line.x(cell.start)))) continue;
    windows.push({ from: line.index, to: blockEnd(ctx, line.index, headings), x: line.x(cell.start) });
  }
  const regions = [...labelled, ...windows];
  regionCache.set(ctx.lines, regions);
  return regions;
}

/** The cell holding `column`, by binary search over a line's cells in order. */
function cellAround(
  cells: ReturnType<typeof segments>,
  column: number,
): ReturnType<typeof segments>[number] | undefined {
  let lo = 0;
  let hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cells[mid]?.end ?? 0) <= column) lo = mid + 1;
    else hi = mid;
  }
  const cell = cells[lo];
  return cell && cell.start <= column ? cell : undefined;
}

/** Whether a line has text at horizontal position `x`. */
function segmentAt(line: Line | undefined, x: number): boolean {
  if (!line) return false;
  return cellsOf(line).some((s) => line.x(s.start) <= x + line.charWidth && line.x(s.end) >= x);
}

type RegionIndex = Map<number, Region[]>;
const indexCache = new WeakMap<Region[], RegionIndex>();

/** Regions by line, each line's sorted by position: a line of many customer labels must not make every cell test them all. */
function indexOf(regions: Region[]): RegionIndex {
  let index = indexCache.get(regions);
  if (!index) {
    index = new Map();
    for (const r of regions) {
      for (let i = r.from; i <= r.to; i++) {
        const onLine = index.get(i);
        if (onLine) onLine.push(r);
        else index.set(i, [r]);
      }
    }
    for (const onLine of index.values()) onLine.sort((a, b) => a.x - b.x);
    indexCache.set(regions, index);
  }
  return index;
}

export function inRegion(regions: Region[], line: Line, column: number): boolean {
  const onLine = indexOf(regions).get(line.index);
  if (!onLine) return false;
  const x = line.x(column);
  const cw = line.charWidth;
  // A region reaches from 3 characters left of its label to 20 right of it: only those starting in that window.
  let lo = 0;
  let hi = onLine.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((onLine[mid]?.x ?? 0) < x - 20 * cw) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < onLine.length; k++) {
    const r = onLine[k];
    if (!r || r.x > x + 3 * cw) break;
    if (!(line.index === r.from && r.labelEnd !== undefined && column > r.labelEnd)) return true;
  }
  return false;
}

/** Letters and digits only, accents folded, lower case: how names are compared. */
export function nameKey(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^\p{L}\d]+/gu, "");
}

const holderLabels: Label[] = [
  label(
    String.raw`account\s*(?:name|holder)|beneficiary(?:\s*name)?|payee(?:\s*name)?|in\s*favou?r\s*of|(?:cheques?|checks?)?\s*payable\s*to|remit\s*to|pay\s*to`,
  ),
  // A letter's signature: "For and on behalf of Kestrel Surveying Ltd".
  label(
    String.raw`(?:for\s*and\s*)?on\s*behalf\s*of|pour\s*le\s*compte\s*de|per\s*conto\s*di|im\s*auftrag\s*(?:von|der|des)|namens`,
    0.9,
  ),
  label(
    String.raw`konto\s*-?\s*inhaber|kontoinhaber|empfänger|begünstigter|zahlbar\s*an|titulaire(?:\s*du\s*compte)?|payable\s*à|ordre\s*de|titular(?:\s*de\s*la\s*cuenta)?|beneficiario|intestat(?:o|ario)\s*a?|pagabile\s*a|ten\s*name\s*van|ten\s*gunste\s*van|t\.?\s?n\.?\s?v\.?|w[łl]a[śs]ciciel\s*rachunku|benefici[áa]rio`,
  ),
];

export type HolderName = { line: Line; start: number; end: number; text: string };

/** What points at the seller, each a cheap lookup for a candidate name. */
export type SellerEvidence = {
  /** Name keys of the IBAN's account holder and the slip's "payable to". */
  holders: string[];
  /** The same names where they stand, for a seller printed nowhere else. */
  holderNames: HolderName[];
  /** Lines holding a seller's tax id or a registry line, outside the buyer's blocks. */
  legalLines: Set<number>;
  /** Where the seller's tax ids stand: a name in the block above one belongs to it. */
  taxIdSpots: { line: number; x: number }[];
  /** Registrable parts of the email and web domains outside the buyer's blocks ("elektrobrunner"). */
  domains: string[];
};

const freeMail = new Set([
  "gmail",
  "googlemail",
  "outlook",
  "hotmail",
  "live",
  "yahoo",
  "icloud",
  "gmx",
  "web",
  "aol",
  "orange",
  "free",
  "wanadoo",
  "libero",
  "tonline",
  "proton",
  "protonmail",
  "mail",
]);
const domainRe = /(?:@|\bwww\.|https?:\/\/)([\p{L}\d.-]{2,120})/gu;
const emailHeaderTo = /^\s*(?:to|an|à|a|para|aan|do|cc)\s*:/iu;

export function sellerEvidence(ctx: DocContext, regions: Region[]): SellerEvidence {
  const holderNames: HolderName[] = [];
  for (const hit of findLabels(ctx.lines, holderLabels)) {
    if (holderNames.length >= 12) break;
    const after = hit.line.text.slice(hit.end, hit.end + 120);
    const lead = /^[\s:/.-]*/u.exec(after)?.[0].length ?? 0;
    const own =
      after
        .slice(lead)
        .split(/\s{2,}|\t| o\.v\.v\.| - |,\s|\)/u)[0]
        ?.replace(/[\s;,]+$/u, "") ?? "";
    if (/\p{L}{2,}/u.test(own)) {
      const start = hit.end + lead;
      holderNames.push({ line: hit.line, start, end: start + own.length, text: own });
      continue;
    }
    // "Konto / Zahlbar an" over the IBAN, then the holder's name: the first line below that is not a number.
    for (let i = hit.line.index + 1; i <= hit.line.index + 3; i++) {
      const below = ctx.lines[i];
      if (!below || below.text.trim() === "") break;
      const cell = cellsOf(below).find(
        (c) => Math.abs(below.x(c.start) - hit.line.x(hit.start)) <= 4 * below.charWidth,
      );
      if (!cell || findIbans(cell.text).length > 0 || !/\p{L}{2,}/u.test(cell.text)) continue;
      holderNames.push({ line: below, start: cell.start, end: cell.end, text: cell.text });
      break;
    }
  }
  const holders = holderNames.map((h) => nameKey(h.text));
  const legalLines = new Set<number>();
  const taxIdSpots: { line: number; x: number }[] = [];
  const labelled = new Set(findLabels(ctx.lines, taxIdLabels).map((h) => h.line.index));
  for (const line of ctx.lines) {
    if (isRegistryLine(line.text)) legalLines.add(line.index);
    if (!labelled.has(line.index)) continue;
    const cells = segments(line);
    let c = 0;
    for (const t of findTaxIds(line.text)) {
      while (c + 1 < cells.length && (cells[c + 1]?.start ?? Infinity) <= t.start) c += 1;
      if (inRegion(regions, line, t.start) || inRegion(regions, line, Math.max(0, t.start - 12))) continue;
      legalLines.add(line.index);
      taxIdSpots.push({ line: line.index, x: line.x(cells[c]?.start ?? t.start) });
    }
  }
  const domains: string[] = [];
  for (const line of ctx.lines) {
    if (domains.length >= 8) break;
    if (emailHeaderTo.test(line.text)) continue;
    for (const m of allMatches(domainRe, line.text)) {
      if (inRegion(regions, line, m.index)) continue;
      const parts = (m[1] ?? "")
        .toLowerCase()
        .split(".")
        .filter((p) => p !== "");
      // "kaelte-rasch.de", "mail.example.co.uk": the part before the public suffix.
      const suffixLen = parts.length >= 3 && (parts.at(-2)?.length ?? 0) <= 3 ? 2 : 1;
      const registrable = parts[parts.length - suffixLen - 1];
      if (registrable && !freeMail.has(registrable.replace(/-/gu, "")))
        domains.push(registrable.replace(/[^\p{L}\d]+/gu, ""));
    }
  }
  return { holders, holderNames, legalLines, taxIdSpots, domains };
}

/** How much of a name its seller's domain spells out ("Elektro Brunner" in elektro-brunner.ch): 0 to 1. */
export function domainShare(name: string, domains: string[]): number {
  if (domains.length === 0) return 0;
  const tokens = name
    .toLowerCase()
    .split(/[^\p{L}\d]+/u)
    .filter((t) => t.length >= 4);
  if (tokens.length === 0) return 0;
  let best = 0;
  for (const domain of domains) {
    // German sites spell umlauts out ("kaelte" for "Kälte"), others drop the accent.
    const found = tokens.filter((t) => domain.includes(foldAccents(t)) || domain.includes(spellUmlauts(t))).length;
    best = Math.max(best, found / tokens.length);
  }
  return best;
}

function spellUmlauts(token: string): string {
  return foldAccents(token.replace(/ä/gu, "ae").replace(/ö/gu, "oe").replace(/ü/gu, "ue").replace(/ß/gu, "ss"));
}
