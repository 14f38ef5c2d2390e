import { allMatches } from "@/domain/parse/matches";
import type { Field } from "@/domain/documents/types";
import type { DocContext } from "./context";
import { emptyField, field } from "./fields";
import { paymentTermsLabels } from "./labels";
import { evidenceAt } from "./lines";
import { locate, type Reader } from "./locate";
import { readText } from "./readers";

/** Terms end with their sentence: "Net 30. E-transfer to …" is "Net 30". */
const readSentence: Reader<string> = (text) =>
  readText(text).map((c) => {
    const cut = /\.\s+\p{Lu}/u.exec(c.value);
    return cut ? { ...c, end: c.start + cut.index, value: c.value.slice(0, cut.index) } : c;
  });

const termsPhrase =
  /\b(?:net\s*\d{1,3}(?:\s*days)?|\d{1,3}\s*days?\s*net|due\s+(?:on|upon)\s+receipt|pay(?:able|ment)?\s+(?:due\s+)?(?:with)?in\s+\d{1,3}\s+days|(?:payment\s+)?due\s+(?:with)?(?:in\s+)?\d{1,3}\s+days(?:\s+from\s+(?:the\s+)?invoice\s+date)?|(?:zahlbar\s+)?(?:innerhalb|binnen)\s+(?:von\s+)?\d{1,3}\s+tagen[^.\n]{0,40}|\d{1,3}\s+tage\s+netto|sofort\s+(?:zahlbar|ohne\s+abzug)|(?:à|a)\s+\d{1,3}\s+jours[^.\n]{0,30}|\d{1,3}\s+d[íi]as(?:\s+fecha\s+factura|\s+netos?)?|\d{1,3}\s+giorni(?:\s+d\.?f\.?(?:f\.?m\.?)?|\s+data\s+fattura)?|binnen\s+\d{1,3}\s+dagen|\d{1,3}\s+dni)/iu;

/** Payment terms: the text after a terms label, else a recognisable phrase anywhere ("Net 30", "30 Tage netto"). */
export function extractPaymentTerms(ctx: DocContext): Field<string> {
  const labelled = locate(ctx.lines, paymentTermsLabels, readSentence);
  if (labelled)
    return field(
      labelled.value,
      Math.min(0.85, labelled.confidence),
      evidenceAt(labelled.line, labelled.start, labelled.end),
    );
  for (const line of ctx.lines) {
    const m = termsPhrase.exec(line.text);
    if (m) return field(m[0].trim(), 0.6, evidenceAt(line, m.index, m.index + m[0].trim().length));
  }
  return emptyField();
}

/** The number of days in terms like "Net 30" or "zahlbar innerhalb 14 Tagen"; null for anything else. */
export function termsDays(terms: string): number | null {
  if (
    /\b(?:due\s+(?:on|upon)\s+receipt|upon\s+receipt|immediately|sofort|à\s+réception|al\s+contado|a\s+vista|immediato)\b/iu.test(
      terms,
    )
  )
    return 0;
  // "14 Tage 2 % Skonto, 30 Tage netto", "2/10 net 30": the net period is the due date, not the discount's.
  const net =
    /(\d{1,3})\s*(?:days?|tage?n?|jours|d[íi]as|giorni|dagen|dni|dagar)\s*(?:net|netto|nets?|neto)\b|net\s*(\d{1,3})\b/iu.exec(
      terms,
    );
  const all = [...allMatches(/(\d{1,3})\s*(?:days?|tage?n?|jours|d[íi]as|giorni|dagen|dni|dagar)\b/giu, terms)].map(
    (m) => Number(m[1]),
  );
  const n = net ? Number(net[1] ?? net[2]) : all.length > 0 ? Math.max(...all) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 180 ? n : null;
}
