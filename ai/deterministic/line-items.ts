import { allMatches } from "@/domain/parse/matches";
import type { LineItem } from "@/domain/documents/types";
import { findNumberTokens } from "@/domain/parse/amounts";
import type { DocContext } from "./context";
import { emptyField, field } from "./fields";
import { evidenceAt, isBlank, type Line } from "./lines";
import { moneyTokens, type MoneyToken } from "./money-tokens";

export type LineItemsResult = { items: LineItem[]; rows: Set<number>; sum: number | null };

const notDescription =
  /^(?:total|subtotal|sub-total|summe|gesamt|zwischensumme|net|vat|tax|mwst|tva|iva|btw|gst|amount|balance|totale|totaal|raze(?:m|rn)|montant|importe|base)\b/iu;
const unitWord =
  /^(?:kg|g|l|m|m2|m²|fl\.?|stk\.?|st\.?|pcs?\.?|ea\.?|h|hrs?\.?|std\.?|pz\.?|szt\.?|uds?\.?|un\.?|box|pack|set|lfm|psch\.?|pauschal|days?|tage?)$/iu;
const headerLike =
  /\b(?:qty|quantity|description|menge|bezeichnung|désignation|descripción|descrizione|omschrijving|opis|descrição|benämning|unit\s*price|amount)\b/iu;
const quantityUnits =
  /^(?:h|hr|hrs|hours?|std|stk|st|pcs?|pc|ea|each|x|units?|kg|g|l|m|m2|m²|days?|tage?|jours?|días?|giorni|dagen|szt|pz|uds?|un|u)$/iu;

/**
 * Table rows are lines whose numbers contain a quantity, a unit price and an amount with qty × unit ≈ amount;
 * the description is the text before them (or the line above, when the row carries only numbers).
 */
export function extractLineItems(ctx: DocContext): LineItemsResult {
  const items: LineItem[] = [];
  const rows = new Set<number>();
  for (const line of ctx.lines) {
    const row = readRow(ctx, line);
    if (!row) continue;
    rows.add(line.index);
    items.push(row);
  }
  const sum = items.length > 0 ? items.reduce((acc, it) => acc + (it.amountMinor.value ?? 0), 0) : null;
  return { items, rows, sum };
}

type Qty = { value: number; start: number; end: number };

const maxRowNumbers = 40;

function quantities(ctx: DocContext, text: string): Qty[] {
  const out: Qty[] = [];
  for (const t of findNumberTokens(text, { spaceGrouping: false })) {
    if (t.percent || t.currencyMarked) continue;
    if (t.unit !== "" && !quantityUnits.test(t.unit)) continue;
    const core = text.slice(t.coreStart, t.coreEnd);
    const value = parseQuantity(core, ctx.decimalSeparator ?? ".");
    if (value === null || value <= 0 || value > 1_000_000) continue;
    out.push({ value, start: t.coreStart, end: t.coreEnd + t.unit.length });
  }
  return out;
}

function parseQuantity(core: string, decimal: string): number | null {
  const thousands = decimal === "," ? "." : ",";
  const cleaned = core.replaceAll("'", "").replaceAll("’", "");
  if (cleaned.includes(thousands) && !/^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?$/.test(cleaned)) return null;
  const normal = cleaned.replaceAll(thousands, "").replace(decimal, ".");
  if (!/^\d+(?:\.\d+)?$/.test(normal)) return null;
  return Number(normal);
}

function readRow(ctx: DocContext, line: Line): LineItem | null {
  // "4 125,00" is a thousand-grouped amount or a quantity then a price; the row's arithmetic decides.
  return readRowWith(ctx, line, ctx.spaceGrouping) ?? (ctx.spaceGrouping ? readRowWith(ctx, line, false) : null);
}

function readRowWith(ctx: DocContext, line: Line, spaceGrouping: boolean): LineItem | null {
  const numbers = findNumberTokens(line.text);
  // Pairing every quantity, price and amount is cubic in the numbers of a line; a table row holds a handful.
  if (numbers.length > maxRowNumbers) return null;
  const amounts = moneyTokens(ctx, line.text, { round: true, spaceGrouping });
  if (amounts.length < 2) return null;
  const qtys = quantities(ctx, line.text);
  const percents = numbers.filter((t) => t.percent);
  type Pick = { q: Qty; unit: MoneyToken & { repaired?: boolean }; amount: MoneyToken; exact: boolean; score: number };
  const picks: Pick[] = [];
  for (const [k, amount] of amounts.entries()) {
    for (const unit of amounts.slice(0, k).flatMap((t) => unitReadings(ctx, line, t))) {
      // A discount column between the price and the amount ("10 %") scales the product.
      const discounts = percents
        .filter((p) => p.start > unit.end && p.end <= amount.start)
        .map((p) => 1 - percentOf(line.text.slice(p.coreStart, p.coreEnd)) / 100);
      for (const q of qtys) {
        if (q.start === unit.coreStart || q.start >= amount.coreStart) continue;
        const diff = Math.min(...[1, ...discounts].map((f) => Math.abs(q.value * unit.minor * f - amount.minor)));
        if (amount.minor <= 0 || diff > Math.max(1, Math.abs(amount.minor) * 0.005)) continue;
        // Prefer the amount furthest right, then the unit price and quantity nearest to it.
        const score =
          k * 100 -
          (amount.start - unit.start) / 100 -
          Math.abs(amount.start - q.start) / 1000 -
          (diff > 1 ? 50 : 0) -
          (unit.repaired ? 60 : 0);
        picks.push({ q, unit, amount, exact: diff <= 1 && !unit.repaired, score });
      }
    }
  }
  const best = picks.sort((a, b) => b.score - a.score)[0];
  if (!best) return null;
  const { q, unit, amount, exact } = best;
  const firstNumber = Math.min(q.start, unit.start);
  const conf = exact ? 0.85 : 0.7;

  // The description is the first stretch of words around the chosen numbers (before them, or between when the
  // quantity comes first).
  const cuts = [q, unit, amount].map((t) => [t.start, t.end] as const).sort((a, b) => a[0] - b[0]);
  const gaps: [number, number][] = [[0, firstNumber]];
  cuts.forEach(([, end], i) => gaps.push([end, cuts[i + 1]?.[0] ?? end]));
  let desc: Desc | null = null;
  for (const [from, to] of gaps) {
    desc = describe(line, from, to);
    if (desc) break;
  }
  if (!desc) {
    const above = ctx.lines[line.index - 1];
    if (
      above &&
      !isBlank(above) &&
      above.page === line.page &&
      moneyTokens(ctx, above.text).length === 0 &&
      !headerLike.test(above.text)
    ) {
      desc = describe(above, 0, above.text.length);
    }
  }
  if (desc && notDescription.test(desc.text)) return null;

  const item: LineItem = {
    description: desc ? field(desc.text, conf, evidenceAt(desc.line, desc.start, desc.end)) : emptyField(),
    quantity: field(q.value, conf, evidenceAt(line, q.start, q.end)),
    unitPriceMinor: field(unit.minor, conf, evidenceAt(line, unit.start, unit.end)),
    amountMinor: field(amount.minor, conf, evidenceAt(line, amount.start, amount.end)),
  };
  if (desc?.sku) item.sku = field(desc.sku.text, conf * 0.9, evidenceAt(desc.line, desc.sku.start, desc.sku.end));
  return item;
}

type Desc = {
  line: Line;
  start: number;
  end: number;
  text: string;
  sku: { start: number; end: number; text: string } | null;
};

function describe(line: Line, from: number, to: number): Desc | null {
  const head = line.text.slice(from, to);
  let start = from + head.length - head.trimStart().length;
  let text = head.trim();
  // A leading position number ("1.", "01", "3)") is not part of the description.
  const pos = /^\d{1,3}[.)]?\s+/u.exec(text);
  if (pos) {
    start += pos[0].length;
    text = text.slice(pos[0].length);
  }
  let sku: Desc["sku"] = null;
  const code = /^([A-Z0-9]+(?:[-_./][A-Z0-9]+)*)\s{2,}|^([A-Z]{2,}[-_]?\d[\w-]*|\d+[-_][\w-]+)\s+/u.exec(text);
  if (code && /\d/.test(code[0]) && text.length > code[0].length) {
    const skuText = (code[1] ?? code[2] ?? "").trim();
    sku = { start, end: start + skuText.length, text: skuText };
    start += code[0].length;
    text = text.slice(code[0].length);
  }
  // Other columns (HSN code, unit) sit after a wide gap; the description is the first cell with words.
  const letters = (s: string): number => (unitWord.test(s) ? 0 : (s.match(/\p{L}/gu) ?? []).length);
  const cell = [...allMatches(/\S+(?: \S+)*/gu, text)]
    .filter((m) => /\p{L}{2,}/u.test(m[0]) && letters(m[0]) > 0)
    .reduce<RegExpExecArray | null>((best, m) => (!best || letters(m[0]) > letters(best[0]) ? m : best), null);
  if (!cell) return null;
  start += cell.index;
  text = cell[0].replace(/[\s|:x×@-]+$/u, "");
  return { line, start, end: start + text.length, text, sku };
}

/**
 * Rows of a price-change notice: an article (code and description) with its old and new price, or a coded article
 * with one price. The new price is the last amount on the row; quantity and amount stay empty.
 */
export function extractPriceLines(ctx: DocContext): LineItem[] {
  const items: LineItem[] = [];
  for (const line of ctx.lines) {
    if (headerLike.test(line.text) || notDescription.test(line.text.trim())) continue;
    const amounts = moneyTokens(ctx, line.text, { round: true }).filter((t) => t.minor > 0);
    const last = amounts.at(-1);
    if (!last) continue;
    const head = amounts.length >= 2 ? (amounts.at(-2)?.start ?? last.start) : last.start;
    if (!/\S\s{2,}$/u.test(line.text.slice(0, head)) && head > 0) continue;
    const desc = describe(line, 0, head);
    if (!desc || (amounts.length < 2 && !desc.sku) || desc.text.split(/\s+/u).length > 12) continue;
    const item: LineItem = {
      description: field(desc.text, 0.7, evidenceAt(line, desc.start, desc.end)),
      quantity: emptyField(),
      unitPriceMinor: field(last.minor, 0.7, evidenceAt(line, last.start, last.end)),
      amountMinor: emptyField(),
    };
    if (desc.sku) item.sku = field(desc.sku.text, 0.65, evidenceAt(line, desc.sku.start, desc.sku.end));
    items.push(item);
  }
  return items;
}

function percentOf(core: string): number {
  const n = Number(core.replace(",", "."));
  return Number.isFinite(n) && n > 0 && n < 100 ? n : 0;
}

/** OCR drops decimal commas ("37,50" read as "3750"); on OCR text a bare integer price may be read in cents too. */
function unitReadings(ctx: DocContext, line: Line, token: MoneyToken): (MoneyToken & { repaired?: boolean })[] {
  const core = line.text.slice(token.coreStart, token.coreEnd);
  if (ctx.source !== "ocr" || !/^\d{3,}$/u.test(core) || token.minor % 100 !== 0) return [token];
  return [token, { ...token, minor: token.minor / 100, repaired: true }];
}
