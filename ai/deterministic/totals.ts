import { allMatches } from "@/domain/parse/matches";
import type { Evidence, Field } from "@/domain/documents/types";
import { Taken } from "@/domain/parse/taken";
import type { DocContext } from "./context";
import { emptyField, field } from "./fields";
import { evidenceAt, type Line } from "./lines";
import { foldOcr, label, valueNear, type Label, type LabelHit } from "./locate";
import { amountReader, moneyTokens, type MoneyToken } from "./money-tokens";

/** "other": money that is not this document's own (a previous balance, a payment received, the sales a fee is on). */
type Kind = "total" | "subtotal" | "taxTotal" | "tax" | "other";

// Order matters: an earlier pattern wins where two overlap ("Total incl. VAT" is a total, "Subtotal" is not).
const amountLabels: { kind: Kind; label: Label }[] = [
  ...[
    String.raw`(?:total\s*)?(?:previous|prior|last)\s*(?:balance|invoice|bill|statement|amount)(?:\s*total)?|balance\s*(?:brought|carried)\s*forward|payments?\s*(?:received|made|applied)|amount\s*paid|total\s*(?:gross\s*)?sales|gross\s*sales|sales\s*total`,
    String.raw`vorheriger\s*saldo|saldo\s*(?:vormonat|vortrag|alt)|(?:solde|facture)\s*pr[ée]c[ée]dent(?:e)?|(?:saldo|factura)\s*anterior|saldo\s*precedente|vorig(?:e)?\s*(?:saldo|factuur)|saldo\s*poprzedni`,
  ].map((s) => ({ kind: "other" as const, label: label(s, 1) })),
  // "Total includes GST of NZ$ 121.50": the tax inside a total, not the total.
  { kind: "taxTotal", label: label(String.raw`total\s*includes\s*(?:gst|vat|tax)(?:\s*of)?`, 1) },
  ...[
    String.raw`(?:grand\s*)?total\s*(?:amount\s*)?(?:\(?\s*(?:incl(?:uding|\.)?|inc\.?|with)\s*(?:vat|tax|gst|mwst|taxes)\s*\)?)`,
    String.raw`gesamt\s*(?:betrag|summe)?\s*(?:inkl\.?|brutto)|(?:angebots|auftrags|bestell|end|gesamt)summe(?:\s*brutto)?|(?:rechnungs|gesamt|end|brutto|zahl)\s*-?\s*(?:betrag|summe)|summe\s*brutto|zu\s*zahlen(?:der\s*betrag)?`,
    String.raw`total\s*ttc|montant\s*(?:total\s*)?ttc|net\s*[àa]\s*payer|total\s*[àa]\s*payer|montant\s*total|montant\s*d[ûu]`,
    String.raw`total\s*(?:factura|a\s*pagar|general)|importe\s*total`,
    String.raw`totale\s*(?:documento|fattura|da\s*pagare|complessivo)|importo\s*totale|netto\s*a\s*pagare`,
    String.raw`totaal\s*(?:incl\.?\s*btw|te\s*betalen|bedrag)|te\s*betalen|totaalbedrag`,
    String.raw`do\s*zap[łlt]aty|razem\s*(?:brutto|do\s*zap[łlt]aty)|warto[śs][ćc]\s*brutto|kwota\s*brutto`,
    String.raw`valor\s*total|total\s*a\s*pagar`,
    String.raw`(?:celkem\s*)?k\s*[úu]hrad[ěe]|celkem\s*(?:s|v[čc]\.?|v[čc]etn[ěe])\s*dph|spolu\s*k\s*[úu]hrade`,
    String.raw`att\s*betala|[åa]\s*betale|at\s*betale|totalt\s*(?:att\s*betala|inkl\.?\s*(?:moms|mva))|i\s*alt(?:\s*inkl\.?\s*moms)?|summa\s*att\s*betala`,
    String.raw`grand\s*total|amount\s*due|balance\s*due|total\s*due|invoice\s*total|invoice\s*amount|total\s*amount|amount\s*payable|total\s*payable|order\s*total|quote\s*total|total\s*(?:aud|usd|eur|gbp|chf|inr|jpy|cad|nzd)`,
    "合計金額|ご請求金額|請求金額",
  ].map((s) => ({ kind: "total" as const, label: label(s, 1) })),
  ...[
    String.raw`sub\s*-?\s*total|net\s*(?:amount|total|value|sum|fees|charges)|total\s*net|total\s*(?:excl(?:uding|\.)?|before|ex\.?|w/o)\s*(?:vat|tax|gst|mwst)?`,
    String.raw`zwischen\s*-?\s*summe|netto\s*-?\s*(?:betrag|summe|gesamt)|summe\s*netto|gesamt\s*netto|warenwert|nettowert`,
    String.raw`total\s*ht|montant\s*ht|sous\s*-?\s*total|(?:total|montant)\s*hors\s*(?:taxes?|tva)`,
    String.raw`base\s*imponible|subtotal|importe\s*neto`,
    String.raw`(?:totale\s*)?imponibile|subtotale`,
    String.raw`subtotaal|totaal\s*excl\.?\s*btw|netto\s*bedrag|totaal\s*netto`,
    String.raw`warto[śs][ćc]\s*netto|razem\s*netto|suma\s*netto|kwota\s*netto`,
    String.raw`celkem\s*bez\s*dph|z[áa]klad\s*(?:dan[ěe]|dph)|spolu\s*bez\s*dph`,
    String.raw`taxable\s*(?:value|amount)|valor\s*l[íi]quido|total\s*il[íi]quido|base\s*tribut[áa]vel`,
    String.raw`(?:summa\s*)?exkl\.?\s*moms|netto(?:belopp|summa)?|eks\.?\s*(?:moms|mva)|ekskl\.?\s*(?:moms|mva)`,
    "小計|税抜合計",
  ].map((s) => ({ kind: "subtotal" as const, label: label(s, 1) })),
  ...[
    String.raw`total\s*(?:vat|tax|taxes|gst|mwst|ust|tva|iva|btw)|(?:vat|tax|gst)\s*(?:total|amount)|total\s*taxes`,
    String.raw`summe\s*(?:mwst|ust)|(?:mwst|ust)\s*-?\s*(?:gesamt|betrag)|steuerbetrag`,
    String.raw`montant\s*(?:de\s*(?:la\s*)?)?tva|total\s*tva`,
    String.raw`cuota\s*(?:de\s*)?iva|importe\s*iva|totale\s*iva|importo\s*iva`,
    String.raw`totaal\s*btw|btw\s*-?\s*bedrag`,
    String.raw`kwota\s*vat|warto[śs][ćc]\s*vat|razem\s*vat|kwota\s*podatku`,
    "消費税合計",
  ].map((s) => ({ kind: "taxTotal" as const, label: label(s, 1) })),
  // OCR reads the "m" of "Razem" as "rn".
  { kind: "total", label: label(String.raw`total|totale|totaal|gesamt|summe|raze(?:m|rn)|suma|合計`, 0.85) },
  {
    kind: "tax",
    label: label(
      String.raw`(?:sales\s*|consumption\s*)?tax|vat|gst|hst|pst|qst|moms|mva|cgst|sgst|igst|utgst|mwst|ust|umsatzsteuer|mehrwertsteuer|tva|iva|i\.v\.a\.|btw|podatek(?:\s*vat)?|dph|消費税`,
      0.9,
    ),
  },
];

const tableHeader =
  /\b(?:qty|quantity|menge|anzahl|qt[ée]|quantit[éà]|cantidad|cant\.|qt[àa]|aantal|ilo[śs][ćc]|quantidade|unit\s*price|einzelpreis|prix\s*unitaire|precio\s*unitario|prezzo\s*unitario|prijs\s*per|cena\s*jedn)/iu;
const idAfterTaxWord = /^\s*(?:reg(?:istration)?|no\b|nr\b|n[°º]|number|id\b|ident|intra|-?\s*idnr|#|rate\b|%)/iu;

type Candidate = { kind: Kind; minor: number; line: Line; start: number; end: number; confidence: number };

function candidatesFrom(ctx: DocContext, lineItemRows: Set<number>): Candidate[] {
  const out: Candidate[] = [];
  for (const line of ctx.lines) {
    if (lineItemRows.has(line.index) || tableHeader.test(line.text)) continue;
    const hits: (LabelHit & { kind: Kind })[] = [];
    const taken = new Taken(line.text.length);
    const folded = foldOcr(line.text);
    for (const { kind, label: l } of amountLabels) {
      for (const m of allMatches(l.re, folded)) {
        const start = m.index;
        const end = start + m[0].length;
        if (taken.overlaps(start, end)) continue;
        if (kind === "tax" && idAfterTaxWord.test(line.text.slice(end))) continue;
        taken.take(start, end);
        hits.push({ kind, line, start, end, strength: l.strength });
      }
    }
    hits.sort((a, b) => a.start - b.start);
    // "Subtotal (excl. GST) 4,594.00": a tax word with no amount after the previous label only qualifies it.
    const kept = hits.filter((hit, i) => {
      const prev = hits[i - 1];
      return !(hit.kind === "tax" && prev && moneyTokens(ctx, line.text.slice(prev.end, hit.start)).length === 0);
    });
    const row = labelRow(ctx, line, hits);
    if (row) {
      out.push(...row);
      continue;
    }
    kept.forEach((hit, i) => {
      if (hit.kind === "other") return;
      const until = kept[i + 1]?.start ?? line.text.length;
      const segment = line.text.slice(hit.end, until);
      const tokens = moneyTokens(ctx, segment);
      const last = tokens.at(-1);
      if (last) {
        const wordsBetween = (segment.slice(0, last.start).match(/\p{L}{3,}/gu) ?? []).filter(
          (w) => !/^(?:eur|usd|gbp|chf|inr|aud|jpy|pln|cad|incl|excl|inkl|exkl)$/iu.test(w),
        ).length;
        const confidence = (wordsBetween > 2 ? 0.65 : 0.9) * hit.strength;
        out.push({
          kind: hit.kind,
          minor: last.minor,
          line,
          start: hit.end + last.start,
          end: hit.end + last.end,
          confidence,
        });
        if (hit.kind === "total") out.push(...netTaxGrossRow(hit.end, tokens, line, confidence));
        return;
      }
      // "Subtotaal   BTW 21%   Totaal" over a row of amounts: each label takes the amount in its column.
      if (segment.trim().replace(/[:\s%\d]/g, "").length <= 4) {
        const below = valueNear(ctx.lines, hit, amountReader(ctx));
        if (below && below.line !== line && !lineItemRows.has(below.line.index)) {
          out.push({
            kind: hit.kind,
            minor: below.value,
            line: below.line,
            start: below.start,
            end: below.end,
            confidence: below.confidence,
          });
        }
      }
    });
  }
  return out;
}

/**
 * A totals row under net / tax / gross columns ("Razem:  7 855,00  1 806,65  9 661,65"): when its last three
 * amounts add up (net + tax = gross), the first two are the subtotal and the tax.
 */
function netTaxGrossRow(offset: number, tokens: MoneyToken[], line: Line, confidence: number): Candidate[] {
  const [net, tax, gross] = tokens.slice(-3);
  if (
    tokens.length < 3 ||
    !net ||
    !tax ||
    !gross ||
    net.minor + tax.minor !== gross.minor ||
    tax.minor <= 0 ||
    tax.minor >= net.minor
  )
    return [];
  return [
    { kind: "subtotal", minor: net.minor, line, start: offset + net.start, end: offset + net.end, confidence },
    { kind: "taxTotal", minor: tax.minor, line, start: offset + tax.start, end: offset + tax.end, confidence },
  ];
}

/**
 * A row of labels without amounts over a row with exactly as many amounts ("Subtotal  VAT 21%  Total" then
 * "€ 395,00  € 82,95  € 477,95"): pair them in order, which holds even when characters do not line up.
 */
function labelRow(ctx: DocContext, line: Line, hits: (LabelHit & { kind: Kind })[]): Candidate[] | null {
  if (hits.length < 2) return null;
  const gaps = hits.map((hit, i) => line.text.slice(hit.end, hits[i + 1]?.start ?? line.text.length));
  if (gaps.some((g) => moneyTokens(ctx, g).length > 0 || g.replace(/[:\s%\d().,]/gu, "").length > 4)) return null;
  const next = ctx.lines
    .slice(line.index + 1, line.index + 3)
    .find((l) => l.text.trim() !== "" && l.page === line.page);
  if (!next) return null;
  const tokens = moneyTokens(ctx, next.text);
  if (tokens.length !== hits.length || /\p{L}{3,}/u.test(next.text.replace(/\b(?:EUR|USD|GBP|CHF|SEK|PLN)\b/gu, "")))
    return null;
  return hits.flatMap((hit, i) => {
    const t = tokens[i] as MoneyToken;
    return hit.kind === "other"
      ? []
      : [{ kind: hit.kind, minor: t.minor, line: next, start: t.start, end: t.end, confidence: 0.75 * hit.strength }];
  });
}

export type Totals = { subtotalMinor: Field<number>; taxMinor: Field<number>; totalMinor: Field<number> };

const ev = (c: Candidate): Evidence => evidenceAt(c.line, c.start, c.end);

/**
 * Subtotal, tax and total from labelled amounts: the largest total (latest on ties), the subtotal and tax that
 * add up to it; agreement between the three (and with the line items) raises confidence, disagreement lowers it.
 */
export function extractTotals(ctx: DocContext, lineItemRows: Set<number>, linesSum: number | null): Totals {
  const all = candidatesFrom(ctx, lineItemRows);
  const of = (kind: Kind): Candidate[] => all.filter((c) => c.kind === kind);
  const totals = of("total");
  const subtotals = of("subtotal");
  const taxTotals = of("taxTotal");
  const taxes = of("tax");

  const total = totals.reduce<Candidate | null>(
    (best, c) =>
      !best || Math.abs(c.minor) > Math.abs(best.minor) || (c.minor === best.minor && c.line.index > best.line.index)
        ? c
        : best,
    null,
  );
  const subtotal = pickSubtotal(subtotals, total, taxTotals.length > 0 ? taxTotals : taxes);
  const tax = pickTax(taxTotals, taxes, total, subtotal);
  const payable = total ? payableAfterRetention(ctx, total, totals) : null;
  const gross = total?.minor ?? null;

  let totalF: Field<number> = payable
    ? field(payable.minor, payable.confidence, ev(payable))
    : total
      ? field(total.minor, total.confidence, ev(total))
      : emptyField();
  let subtotalF: Field<number> = subtotal ? field(subtotal.minor, subtotal.confidence, ev(subtotal)) : emptyField();
  let taxF: Field<number> = tax ? field(tax.minor, tax.confidence, tax.evidence) : emptyField();

  if (totalF.value === null && subtotalF.value !== null && taxF.value !== null) {
    totalF = field(subtotalF.value + taxF.value, 0.5, null);
  }
  if (subtotalF.value === null && totalF.value !== null && taxF.value !== null) {
    subtotalF = field(totalF.value - taxF.value, 0.45, null);
  }
  if (taxF.value === null && subtotalF.value !== null && totalF.value !== null) {
    taxF = field(totalF.value - subtotalF.value, subtotalF.value === totalF.value ? 0.6 : 0.45, null);
  }
  if (totalF.value === null && subtotalF.value === null && linesSum !== null) {
    subtotalF = field(linesSum, 0.4, null);
  }

  if (totalF.value !== null && subtotalF.value !== null && taxF.value !== null) {
    const consistent = subtotalF.value + taxF.value === (payable ? gross : totalF.value);
    const bump = (f: Field<number>): Field<number> => ({
      ...f,
      confidence: field(0, f.confidence + (consistent ? 0.1 : -0.25), null).confidence,
    });
    if (totalF.evidence) totalF = bump(totalF);
    if (subtotalF.evidence) subtotalF = bump(subtotalF);
    if (taxF.evidence) taxF = bump(taxF);
  }
  if (linesSum !== null && subtotalF.value !== null && subtotalF.evidence) {
    subtotalF = {
      ...subtotalF,
      confidence: field(0, subtotalF.confidence + (linesSum === subtotalF.value ? 0.05 : -0.1), null).confidence,
    };
  }
  if (totals.some((c) => total && c.minor !== total.minor && c !== payable) && totalF.evidence) {
    totalF = { ...totalF, confidence: field(0, totalF.confidence - 0.05, null).confidence };
  }
  return { subtotalMinor: subtotalF, taxMinor: taxF, totalMinor: totalF };
}

// Money the customer keeps back until the work is accepted (construction retention): owed later, not now.
const retention =
  /r[üu]ckla(?:ss|ß)|r[üu]ckbehalt|sicherheitseinbehalt|einbehalt|retention|retainage|retenue\s*de\s*garantie|ritenuta\s*(?:di\s*)?garanzia|retenci[óo]n\s*de\s*garant[íi]a|garantie\s*inhouding/iu;

/**
 * The amount payable after a retention is kept back: a later total, smaller than the gross, with a retention
 * line between the two. Deposits and withholding taxes are not retentions: there the gross stays the total.
 */
function payableAfterRetention(ctx: DocContext, gross: Candidate, totals: Candidate[]): Candidate | null {
  const later = totals.filter((c) => c.line.index > gross.line.index && c.minor > 0 && c.minor < gross.minor);
  const last = later.at(-1);
  if (!last) return null;
  const between = ctx.lines.slice(gross.line.index + 1, last.line.index);
  const kept = between.find(
    (l) =>
      retention.test(l.text) &&
      moneyTokens(ctx, l.text).some((t) => t.minor < 0 || t.minor === gross.minor - last.minor),
  );
  return kept ? last : null;
}

function pickSubtotal(subtotals: Candidate[], total: Candidate | null, taxes: Candidate[]): Candidate | null {
  if (subtotals.length === 0) return null;
  if (total) {
    const fits = subtotals.find(
      (s) => taxes.some((t) => s.minor + t.minor === total.minor) || s.minor + sumDistinct(taxes) === total.minor,
    );
    if (fits) return fits;
    const before = subtotals.filter((s) => s.line.index <= total.line.index && s.minor <= Math.abs(total.minor));
    if (before.length > 0) return before.at(-1) ?? null;
  }
  return subtotals.reduce((a, b) => (b.minor > a.minor ? b : a));
}

type TaxPick = { minor: number; confidence: number; evidence: Evidence | null };

function pickTax(
  taxTotals: Candidate[],
  taxes: Candidate[],
  total: Candidate | null,
  subtotal: Candidate | null,
): TaxPick | null {
  const target = total && subtotal ? total.minor - subtotal.minor : null;
  const pool = (taxTotals.length > 0 ? taxTotals : taxes).filter(
    (c) => !total || Math.abs(c.minor) < Math.abs(total.minor),
  );
  if (pool.length === 0) return null;
  if (target !== null) {
    const exact = pool.find((c) => c.minor === target);
    if (exact) return { minor: exact.minor, confidence: exact.confidence, evidence: ev(exact) };
    const sum = sumDistinct(pool);
    const first = pool[0];
    if (sum === target && first) return { minor: sum, confidence: first.confidence * 0.95, evidence: ev(first) };
  }
  if (taxTotals.length === 0 && distinctLines(pool).length > 1) {
    const first = pool[0];
    if (first) return { minor: sumDistinct(pool), confidence: 0.5, evidence: ev(first) };
  }
  const last = pool.at(-1);
  return last
    ? { minor: last.minor, confidence: last.confidence * (pool.length > 1 ? 0.8 : 1), evidence: ev(last) }
    : null;
}

function distinctLines(cs: Candidate[]): Candidate[] {
  const seen = new Set<number>();
  return cs.filter((c) => (seen.has(c.line.index) ? false : (seen.add(c.line.index), true)));
}

function sumDistinct(cs: Candidate[]): number {
  return distinctLines(cs).reduce((a, c) => a + c.minor, 0);
}
