import { allMatches } from "@/domain/parse/matches";
import type { BankDetails, Evidence, Field } from "@/domain/documents/types";
import { findBics, findIbans, findSortCodes } from "@/domain/parse/identifiers";
import { takenBy } from "@/domain/parse/taken";
import type { DocContext } from "./context";
import { emptyField, field } from "./fields";
import { evidenceAt, type Line } from "./lines";
import { findLabels, label, locate, type Label, type LabelHit, type Reader } from "./locate";
import { readText } from "./readers";

const oldWords =
  /\b(?:old|previous|former|existing|no longer|alte[nr]?|bisherige[nr]?|ancien(?:ne)?s?|anterior(?:es)?|antig[oa]|vecchi[oa]|precedente|oude|vorige|stary|poprzedni)\b/iu;
const newWords = /\b(?:new|updated|neue[nr]?|nouve(?:au|lle)s?|nuev[oa]s?|nuov[oa]|nieuwe?|nov[oa]|nowy|nowe)\b/iu;

const maxBankLabels = 40;

const bicLabels = [label(String.raw`bic|swift(?:\s*code)?|swift\s*/\s*bic|bic\s*/\s*swift`)];
const sortCodeLabels = [
  label(String.raw`sort\s*-?\s*code|bsb|routing\s*(?:no\.?|number|#)?|aba(?:\s*(?:no\.?|number|routing))?`),
];
// "A/c" also as OCR reads it: the slash as l, 1 or |.
const accountLabels = [
  label(
    String.raw`(?:bank\s*)?(?:account|acct|acc|a\s?[/l1|]\s?c)\s*(?:no\.?|number|nr\.?|#)|account\s*:|(?:account|acct|acc)\.?(?=\s+\d)`,
  ),
  label(String.raw`konto\s*-?\s*(?:nummer|nr\.?)|kontonummer`),
  // Latin American interbank account numbers (Mexico's CLABE, Argentina's CBU, Peru's CCI).
  label(String.raw`clabe|cbu|cci`),
  label(
    String.raw`(?:n[°º]|num[ée]ro)\s*de\s*(?:compte|cuenta)|compte\s*n[°º]|n[úu]mero\s*de\s*cuenta|conto\s*(?:corrente|n\.?)`,
  ),
  label(String.raw`rekening\s*-?\s*(?:nummer|nr\.?)|(?:nr|numer)\s*(?:rachunku|konta)|rachunek(?:\s*bankowy)?`),
];
const accountNameLabels = [
  label(
    String.raw`(?:account|a\s?[/l1|]\s?c)\s*(?:name|holder)|beneficiary(?:\s*name)?|payee\s*name|in\s*favou?r\s*of`,
  ),
  label(
    String.raw`konto\s*-?\s*inhaber|empfänger|begünstigter|titulaire(?:\s*du\s*compte)?|titular(?:\s*de\s*la\s*cuenta)?|intestat(?:o|ario)(?:\s+a)?|ten\s*name\s*van|t\.?n\.?v\.?|odbiorca|w[łl]a[śs]ciciel\s*rachunku|benefici[áa]rio`,
  ),
];

const readBic: Reader<string> = (text) => findBics(text).map((b) => ({ start: b.start, end: b.end, value: b.value }));
const readSortCode: Reader<string> = (text) =>
  [
    ...findSortCodes(text).map((s) => ({ start: s.start, end: s.end, value: s.value })),
    ...[...allMatches(/(?<![\d-])(?:\d{3}-\d{3}|\d{9})(?![\d-])/gu, text)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      value: m[0],
    })),
  ].sort((a, b) => a.start - b.start);
const readAccount: Reader<string> = (text) => {
  const ibans = takenBy(text.length, findIbans(text));
  // Norwegian account numbers print as 1503.41.23451.
  return [...allMatches(/(?<![\w-])(?:\d{4}\.\d{2}\.\d{5}|\d[\d -]{4,22}\d)(?![\w-])/gu, text)]
    .filter((m) => !ibans.overlaps(m.index, m.index + m[0].length))
    .map((m) => ({ start: m.index, end: m.index + m[0].length, value: m[0].replace(/[\s.-]/gu, "") }));
};

// An account number is the seller's bank account only where a bank or a transfer is spoken of; a customer's,
// contract's or meter's number ("Account number 8841 2290" beside the bill date, "quote your account number", the
// account on a slip to return with a cheque) is not.
const bankContext =
  /(?<![\p{L}\d])(?:\p{L}*bank\p{L}*|banque|banca|banco|routing|sort\s*code|bsb|swift|bic|iban|ifsc|aba|ach|blz|clabe|cbu|cci|wire|transfer\p{L}*|überweis\p{L}*|virement|bonifico|transferencia|przelew|overmaking|remit\p{L}*|zahlbar|betal\p{L}*|giro|deposit)(?![\p{L}])/iu;
const notBankOwner =
  /(?<![\p{L}])(?:your|customer|client|kunden\p{L}*|vertrags?\p{L}*|contract|meter|zähler\p{L}*|member(?:ship)?|mitglieds?\p{L}*|policy|subscriber|abonnent\p{L}*|cliente|klant|contrato|utenza|votre|uw|ihre?)\s*(?:\p{L}+\s*){0,2}$/iu;

const bankContextCache = new WeakMap<Line, boolean>();

// Many account labels on one line each ask about the same lines: once per line keeps it linear.
function speaksOfPayment(line: Line | undefined): boolean {
  if (!line) return false;
  let found = bankContextCache.get(line);
  if (found === undefined) bankContextCache.set(line, (found = bankContext.test(line.text)));
  return found;
}

/** The label's line or its block (up to four lines either way, not across a blank line) speaks of a bank. */
function isBankAccountLabel(lines: Line[], hit: { line: Line; start: number }): boolean {
  if (notBankOwner.test(hit.line.text.slice(Math.max(0, hit.start - 40), hit.start))) return false;
  if (speaksOfPayment(hit.line)) return true;
  for (const step of [-1, 1]) {
    for (let i = hit.line.index + step; Math.abs(i - hit.line.index) <= 4; i += step) {
      const line = lines[i];
      if (!line || line.text.trim() === "") break;
      if (speaksOfPayment(line)) return true;
    }
  }
  return false;
}

/**
 * Bank details near bank labels. Where the text names old and new details (a change request), the new ones win;
 * an IBAN must pass its check digits.
 */
export function extractBankDetails(ctx: DocContext): Field<BankDetails> {
  // Every IBAN and label hit on a line asks how fresh it is; asking once per line keeps a line of many IBANs linear.
  const fresh = new Map<Line, number>();
  const freshness = (lines: Line[], line: Line): number => {
    let score = fresh.get(line);
    if (score === undefined) fresh.set(line, (score = freshnessOf(lines, line)));
    return score;
  };
  const ibans = ctx.lines.flatMap((line) => findIbans(line.text).map((i) => ({ ...i, line })));
  const scored = ibans.map((i) => ({ ...i, score: freshness(ctx.lines, i.line) }));
  const usable = scored.filter((i) => i.score >= 0);
  const pick = usable.sort((a, b) => b.score - a.score || b.line.index - a.line.index)[0];

  // A document prints its bank labels a few times; reading a value beside each of thousands cost a line apiece.
  const firstHits = new Map<Label[], Set<LabelHit>>();
  const early = (labels: Label[], hit: LabelHit): boolean => {
    let set = firstHits.get(labels);
    if (!set) firstHits.set(labels, (set = new Set(findLabels(ctx.lines, labels).slice(0, maxBankLabels))));
    return set.has(hit);
  };

  const near = (labels: Label[], read: Reader<string>, around?: Line): { value: string; evidence: Evidence } | null => {
    const fresh = (hit: LabelHit): boolean => early(labels, hit) && freshness(ctx.lines, hit.line) >= 0;
    const accept = (hit: LabelHit): boolean => fresh(hit) && (!around || Math.abs(hit.line.index - around.index) <= 6);
    const found = locate(ctx.lines, labels, read, accept) ?? (around ? locate(ctx.lines, labels, read, fresh) : null);
    return found ? { value: found.value, evidence: evidenceAt(found.line, found.start, found.end) } : null;
  };

  const nearAccount = (around?: Line): { value: string; evidence: Evidence } | null => {
    const accept = (hit: LabelHit): boolean =>
      early(accountLabels, hit) && isBankAccountLabel(ctx.lines, hit) && freshness(ctx.lines, hit.line) >= 0;
    const found =
      locate(
        ctx.lines,
        accountLabels,
        readAccount,
        (h) => accept(h) && (!around || Math.abs(h.line.index - around.index) <= 6),
      ) ?? (around ? locate(ctx.lines, accountLabels, readAccount, accept) : null);
    return found ? { value: found.value, evidence: evidenceAt(found.line, found.start, found.end) } : null;
  };

  const bic = near(bicLabels, readBic, pick?.line) ?? (pick ? sameLineBic(pick.line) : null);
  const sortCode = near(sortCodeLabels, readSortCode, pick?.line);
  const account = nearAccount(pick?.line);
  const name =
    findLabels(ctx.lines, accountNameLabels).length > 0 ? near(accountNameLabels, readText, pick?.line) : null;

  const details: BankDetails = {
    iban: pick?.value ?? null,
    bic: bic?.value ?? null,
    accountNumber: account?.value ?? null,
    sortCode: sortCode?.value ?? null,
    accountName: name?.value ?? null,
  };
  if (!details.iban && !details.accountNumber && !details.sortCode) return emptyField();
  const evidence = pick ? evidenceAt(pick.line, pick.start, pick.end) : (account?.evidence ?? null);
  const distinct = new Set(usable.map((i) => i.value)).size;
  const confidence = pick ? (distinct > 1 ? 0.7 : 0.9) : sortCode ? 0.75 : 0.6;
  return field(details, confidence, evidence);
}

/** -1 for details marked old, 1 for new, 0 otherwise: the nearest marker on the line or the block heading above. */
function freshnessOf(lines: Line[], line: Line): number {
  for (let i = line.index; i >= 0 && i >= line.index - 4; i--) {
    const text = lines[i]?.text ?? "";
    if (i < line.index && text.trim() === "") break;
    if (oldWords.test(text)) return -1;
    if (newWords.test(text)) return 1;
  }
  return 0;
}

function sameLineBic(line: Line): { value: string; evidence: Evidence } | null {
  const [b] = findBics(line.text);
  return b ? { value: b.value, evidence: evidenceAt(line, b.start, b.end) } : null;
}
