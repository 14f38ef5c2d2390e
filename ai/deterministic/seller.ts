/**
 * Weighs the cells that could name the seller. A name earns its place from where it stands (the letterhead) and from
 * what else on the page points at the seller: its legal form, the IBAN's account holder, the footer's legal lines,
 * the seller's tax id block, the email or web domain, being printed again. The buyer's name and a payment slip's
 * bank lose.
 */
import type { DocContext } from "./context";
import type { Line } from "./lines";
import { isBankName, isPlausibleName, legalForm } from "./name-shape";
import { domainShare, inRegion, nameKey, sellerEvidence, type Region } from "./parties";

export type NameCell = { line: Line; start: number; end: number; text: string };
export type ScoredName = NameCell & { score: number; withForm: boolean };

/** Scores for the plain facts; a candidate needs `minimumScore` to be named at all. */
const weights = {
  legalForm: 2.5,
  letterhead: 2,
  firstLine: 0.5,
  nearTop: 1,
  holder: 3,
  legalLine: 1.5,
  taxIdBlock: 1.5,
  domain: 2,
  repeat: 0.5,
  bank: -4,
  buyer: -3,
  tableRow: -3,
};
export const minimumScore = 2;

const amountOnLine = /\d[.,]\d{2}(?!\d)/u;

/**
 * `sellerCells` stand outside the buyer's blocks; `buyerCells` inside them. Linear: each cell is weighed once
 * against a handful of holders, domains and tax id spots, and repeats are counted in one map.
 */
export function scoreSellerNames(
  ctx: DocContext,
  sellerCells: NameCell[],
  buyerCells: NameCell[],
  regions: Region[],
): { scored: ScoredName[]; holder: NameCell | null } {
  const evidence = sellerEvidence(ctx, regions);
  // The account holder's name is the seller's own statement of who is paid; a person's name there (a sole
  // trader's) only counts when nothing else names the business, which the caller decides.
  const holder =
    evidence.holderNames.find(
      (h) =>
        isPlausibleName(h.text) && !isBankName(h.text) && !inRegion(regions, h.line, h.start) && legalForm.test(h.text),
    ) ?? null;
  const buyers = new Set(buyerCells.map((c) => nameKey(c.text)));
  const seen = new Map<string, number>();
  for (const c of sellerCells) seen.set(nameKey(c.text), (seen.get(nameKey(c.text)) ?? 0) + 1);

  const firstPage = ctx.lines[0]?.page ?? 1;
  // A name and a tax id belong to one block when no blank line parts them.
  const blankAfter: number[] = new Array<number>(ctx.lines.length);
  for (let i = ctx.lines.length - 1, next = ctx.lines.length; i >= 0; i--) {
    blankAfter[i] = next;
    if (ctx.lines[i]?.text.trim() === "") next = i;
  }
  // At most a few spots per line: a line of many ids must not make every cell look at all of them.
  const spotsByLine = new Map<number, number[]>();
  for (const t of evidence.taxIdSpots) {
    const xs = spotsByLine.get(t.line) ?? [];
    if (xs.length < 4) xs.push(t.x);
    spotsByLine.set(t.line, xs);
  }
  const tableRows = new Map<Line, boolean>();
  const isTableRow = (line: Line): boolean => {
    let row = tableRows.get(line);
    if (row === undefined) tableRows.set(line, (row = amountOnLine.test(line.text)));
    return row;
  };
  const rankOf = new Map<number, number>();
  let rank = 0;
  for (const line of ctx.lines) {
    if (line.page !== firstPage) break;
    if (line.text.trim() !== "") rankOf.set(line.index, rank++);
  }

  const scored = sellerCells.map((cell) => {
    const key = nameKey(cell.text);
    const withForm = legalForm.test(cell.text.replace(/[\s,;]+$/u, ""));
    const lineRank = rankOf.get(cell.line.index);
    const holder =
      key.length >= 4 && evidence.holders.some((h) => h.startsWith(key) || (h.length >= 6 && key.startsWith(h)));
    const x = cell.line.x(cell.start);
    const cw = cell.line.charWidth;
    const blockEnd = blankAfter[cell.line.index] ?? ctx.lines.length;
    let taxBlock = false;
    // Lines below in the same block: a tax id on the name's own line already counts as a legal line.
    for (let l = cell.line.index + 1; l < Math.min(blockEnd, cell.line.index + 7) && !taxBlock; l++) {
      taxBlock = (spotsByLine.get(l) ?? []).some((spotX) => Math.abs(spotX - x) <= 4 * cw);
    }
    const sellerSigns = holder || taxBlock || evidence.legalLines.has(cell.line.index);
    let score = 0;
    if (withForm) score += weights.legalForm;
    if (lineRank !== undefined && lineRank < 6) score += weights.letterhead + (lineRank === 0 ? weights.firstLine : 0);
    else if (lineRank !== undefined && lineRank < 12) score += weights.nearTop;
    if (holder) score += weights.holder;
    if (evidence.legalLines.has(cell.line.index)) score += weights.legalLine;
    if (taxBlock) score += weights.taxIdBlock;
    score += weights.domain * domainShare(cell.text, evidence.domains);
    score += weights.repeat * Math.min(3, (seen.get(key) ?? 1) - 1);
    if (isBankName(cell.text) && !holder) score += weights.bank;
    // The same name in the buyer's block is the buyer, unless the seller's own details name it too (a group's
    // internal invoice).
    if (buyers.has(key) && !sellerSigns) score += weights.buyer;
    if (isTableRow(cell.line) && !holder && !evidence.legalLines.has(cell.line.index)) score += weights.tableRow;
    return { ...cell, score, withForm };
  });
  return { scored, holder };
}

/** The best-scored name, earliest on ties. */
export function bestSellerName(scored: ScoredName[]): ScoredName | null {
  let best: ScoredName | null = null;
  for (const s of scored) if (!best || s.score > best.score + 1e-9) best = s;
  return best;
}
