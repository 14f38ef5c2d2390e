import { allMatches } from "@/domain/parse/matches";
import type { DocumentClass, ExtractedText, Field } from "@/domain/documents/types";
import { findIbans } from "@/domain/parse/identifiers";
import { buildContext, type DocContext } from "./context";
import { field } from "./fields";
import { evidenceAt, type Line } from "./lines";
import { foldAccents, foldOcr } from "./locate";

type Cue = { re: RegExp; weight: number };
type Scored = Exclude<DocumentClass, "other">;

const cue = (source: string, weight: number): Cue => ({
  re: new RegExp(`(?<![\\p{L}])(?:${foldAccents(source)})(?![\\p{L}])`, "giu"),
  weight,
});

const cues: Record<Scored, Cue[]> = {
  invoice: [
    cue(
      String.raw`(?:tax\s+|commercial\s+|vat\s+)?invoice|rechnung|facture|factura\s?[abcem]?|fattura|factuur|faktura(?:\s+vat)?|fatura|nota\s+fiscal|note\s+d['’]\s*honoraires|honorarnote|fee\s+note|nota\s+de\s+honorarios|請求書`,
      3,
    ),
    cue(
      String.raw`invoice\s*(?:no|number|date|#)|rechnungs(?:nummer|datum)|faktura(?:nummer|datum|dato)|f[öo]rfallodatum|att\s+betala|amount\s+due|balance\s+due|total\s+due|your\s+bill|bill\s+(?:number|date)|gesamtbetrag|rechnungsbetrag|f[äa]llig|zahlbar|due\s+date|[ée]ch[ée]ance|vencimiento|scadenza|vervaldatum|termin\s+p[łl]atno[śs]ci|do\s+zap[łl]aty|net\s+[àa]\s+payer|montant\s+ttc`,
      1.5,
    ),
  ],
  purchase_order: [
    cue(
      String.raw`purchase\s+order|bestellung|bestellschein|bon\s+de\s+commande|orden\s+de\s+compra|ordine\s+(?:d['’]\s*acquisto|di\s+acquisto|fornitore)|inkooporder|bestelbon|zam[óo]wienie(?:\s+zakupu)?|pedido\s+de\s+compra|注文書|発注書`,
      3,
    ),
    cue(
      String.raw`please\s+(?:supply|deliver)|delivery\s+(?:date|address)|ship\s+via|bitte\s+liefern|liefertermin|date\s+de\s+livraison|fecha\s+de\s+entrega|data\s+di\s+consegna|leverdatum`,
      1,
    ),
  ],
  quote: [
    cue(
      String.raw`quot(?:e|ation)|estimate|proposal|angebot|kostenvoranschlag|devis|offre\s+de\s+prix|presupuesto|cotizaci[oó]n|preventivo|offerta|offerte|or[çc]amento|oferta|見積書`,
      3,
    ),
    cue(
      String.raw`valid\s+(?:until|for)|g[üu]ltig\s+bis|valable|v[áa]lid[oa]\s+hasta|valid[oa]\s+fino|geldig\s+tot|this\s+quote`,
      1.5,
    ),
  ],
  price_change: [
    cue(
      String.raw`(?:price|rate|tariff)\s+(?:increase|change|adjustment|update|revision)s?|(?:prices|rates|tariffs)\s+will\s+(?:increase|change|rise|be\s+adjusted)|new\s+price\s*list|prices?\s+will\s+(?:increase|change|rise)|revised\s+pric(?:es|ing)|preis(?:änderung|anpassung|erhöhung|erhoehung)(?:en)?|neue\s+preisliste|augmentation\s+(?:de\s+(?:nos\s+)?(?:prix|tarifs)|tarifaire)|r[ée]vision\s+tarifaire|nouveaux\s+tarifs|hausse\s+(?:de\s+)?(?:nos\s+)?(?:prix|tarifs)|(?:ajuste|aumento|actualizaci[oó]n)\s+de\s+precios|(?:aumento|adeguamento|variazione)\s+(?:dei\s+)?prezzi|prijs(?:wijziging|verhoging|aanpassing)(?:en)?|(?:zmiana|podwy[żz]ka)\s+cen`,
      3,
    ),
    cue(
      String.raw`effective\s+(?:from|as\s+of|date|on)?|current\s+(?:rate|price)|new\s+rate|with\s+effect\s+from|gültig\s+ab|wirksam\s+ab|à\s+compter\s+du|a\s+partir\s+del?|a\s+partire\s+dal|met\s+ingang\s+van|old\s+price|new\s+price|alter\s+preis|neuer\s+preis|ancien\s+prix|nouveau\s+prix`,
      1.5,
    ),
  ],
  bank_detail_change: [
    cue(
      String.raw`(?:change|update|updated|changed|new)\s+(?:of\s+)?(?:our\s+|the\s+)?(?:bank(?:ing)?|payment|remittance)\s+(?:details|account|information|instructions)|bank\s+(?:details|account)\s+(?:have|has)\s+changed|(?:new|updated)\s+(?:iban|account\s+number)|(?:neue|geänderte)\s+bankverbindung|änderung\s+(?:der|unserer)\s+bankverbindung|bankverbindung\s+(?:hat\s+sich\s+)?geändert|(?:nouvelles|changement\s+de(?:s)?)\s+coordonn[ée]es\s+bancaires|(?:nuevos|cambio\s+de)\s+(?:datos\s+bancarios|cuenta\s+bancaria)|(?:nuove|variazione)\s+(?:coordinate\s+bancarie|coordinate)|nieuwe\s+(?:bankgegevens|rekening)|zmiana\s+(?:numeru\s+)?rachunku`,
      4,
    ),
    cue(
      String.raw`old\s+(?:bank\s+)?(?:account|iban|details)|previous\s+(?:bank\s+)?(?:account|details)|bisherige\s+bankverbindung|ancien(?:nes)?\s+coordonn[ée]es|please\s+(?:update|amend)\s+your\s+records`,
      2,
    ),
  ],
};

/**
 * Whether a possessive ends just before `at` ("your invoice", "per our quote"). Testing a pattern anchored at the end
 * of the whole prefix cost the line's length for every cue, quadratic on a line of repeated titles.
 */
function referredTo(text: string, at: number): boolean {
  let end = at;
  while (end > 0 && /\s/u.test(text.charAt(end - 1))) end -= 1;
  if (end === at) return false;
  return /\b(?:your|our|per|ihre|unsere|votre|notre|su|vuestra|vostro|uw)$/iu.test(
    text.slice(Math.max(0, end - 16), end),
  );
}

/** Classifies by weighted keyword cues; cues in the first lines (the title) count three times. */
export function classify(input: ExtractedText | DocContext): Field<DocumentClass> {
  const ctx = "lines" in input ? input : buildContext(input);
  const firstContent = ctx.lines
    .filter((l) => l.text.trim() !== "")
    .slice(0, 8)
    .map((l) => l.index);
  const titleLines = new Set(firstContent);
  const folded = ctx.lines.map((l) => foldOcr(l.text));
  const scores = new Map<
    Scored,
    { score: number; best: { line: Line; start: number; end: number; weight: number } | null }
  >();
  for (const [cls, list] of Object.entries(cues) as [Scored, Cue[]][]) {
    let score = 0;
    let best: { line: Line; start: number; end: number; weight: number } | null = null;
    for (const line of ctx.lines) {
      for (const c of list) {
        for (const m of allMatches(c.re, folded[line.index] ?? "")) {
          // A reference to another document ("PO number", "your order", "per our quote") is not a title.
          const after = line.text.slice(m.index + m[0].length);
          const reference =
            /^\s*(?:no\.?|nr\.?|n[°º]|number|#|ref|date|datum)[^:]{0,6}:/iu.test(after) ||
            /^\s*(?:date|datum|ref)/iu.test(after) ||
            referredTo(line.text, m.index);
          const weight = c.weight * (titleLines.has(line.index) && !reference ? 3 : 1) * (reference ? 0.3 : 1);
          score += weight;
          if (!best || weight > best.weight) best = { line, start: m.index, end: m.index + m[0].length, weight };
        }
      }
    }
    scores.set(cls, { score, best });
  }
  // A bank change without any IBAN or account number is a weaker claim.
  const bank = scores.get("bank_detail_change");
  if (
    bank &&
    bank.score > 0 &&
    !ctx.lines.some(
      (l) => findIbans(l.text).length > 0 || /\b(?:account|konto|compte|cuenta|conto|rekening)\b/iu.test(l.text),
    )
  )
    bank.score *= 0.5;

  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const [top, second] = ranked;
  if (!top || top[1].score < 2.5 || !top[1].best) return field<DocumentClass>("other", 0.5, null);
  const margin = top[1].score / (top[1].score + (second?.[1].score ?? 0));
  const confidence = 0.5 + 0.45 * margin * Math.min(1, top[1].score / 8);
  const { line, start, end } = top[1].best;
  return field(top[0], confidence, evidenceAt(line, start, end));
}
