/** Whether a cell of text can be a business's name at all, before anyone weighs where it stands. */
import { foldAccents } from "./locate";

const legalFormAnyCase =
  /(?<![\p{L}])(?:inc|incorporated|llc|l\.l\.c|ltd|limited|plc|llp|corp|corporation|company|gmbh(?:\s*&\s*co\.?\s*kg)?|ag|kg|ohg|e\.\s?u|ug(?:\s*\(haftungsbeschränkt\))?|e\.\s?k|s\.?\s?a\.?\s?s|sarl|s\.?\s?à\s?r\.?\s?l|eurl|s\.?\s?l\.?\s?u?|s\.?\s?r\.?\s?l|s\.?\s?p\.?\s?a|s\.?\s?a\.?\s+de\s+c\.?\s?v|s\.?\s?de\s+r\.?\s?l\.?(?:\s+de\s+c\.?\s?v)?|s\.?\s?n\.?\s?c|b\.?\s?v|n\.?\s?v|vof|sp\.?\s*z\s*o\.?\s*o|sp\.?\s*[jkp]|s\.?\s?c|s\.?\s?a|pty\.?\s*ltd|pvt\.?\s*ltd|pte\.?\s*ltd|sdn\.?\s*bhd|bhd|private\s+limited|k\.\s?k|kabushiki\s+kaisha|co\.,?\s*ltd|ab|asa|a\/s|aps|oy|oyj|lda|ltda|srl|sas|bvba|sprl)\.?\)?$|株式会社|有限会社/iu;

// The Nordic "AS" is a legal form only in capitals: "such as" ends a phrase, not a company.
const nordicAs = /(?<![\p{L}])AS\.?$/u;

export const legalForm = { test: (text: string): boolean => legalFormAnyCase.test(text) || nordicAs.test(text) };

// Words that make up column headings, slip captions and section titles: a cell made only of these names nobody.
const headingWords = new Set(
  (
    "charges charge amount amounts description qty quantity price prices total totals subtotal item items rate rates hours hour unit units " +
    "summary details detail date service services product products article articles code sku no number page of your our the and for bill " +
    "statement balance payment payments due vat tax net gross discount notes note remarks terms delivery shipping " +
    "betrag menge beschreibung preis einzelpreis gesamt gesamtpreis leistung leistungen artikel pos position bezeichnung anzahl einheit summe " +
    "empfangsschein zahlteil annahmestelle zahlbar durch konto an wahrung wahrung wahrung " +
    "designation montant quantite prix libelle unitaire recepisse paiement section point depot compte payable par " +
    "omschrijving bedrag aantal prijs tarief uren stuks eenheid " +
    "concepto importe cantidad precio descripcion unidad unidades " +
    "descrizione importo quantita prezzo unita ricevuta sezione pagamento conto pagabile " +
    "nazwa ilosc cena wartosc kwota jm lp towaru uslugi lub"
  ).split(" "),
);

const titleWords = new Set(
  "invoice invoices rechnung gutschrift facture avoir factura fattura factuur faktura fatura receipt quote quotation statement proforma devis angebot offerte presupuesto preventivo".split(
    " ",
  ),
);

// Pronouns, verbs and courtesies belong to sentences, never to a company's name.
const sentenceWords = new Set(
  (
    "we you your our us please thank thanks is are was will be been has have had this that these which " +
    "nous vous votre notre est sont merci veuillez " +
    "wir sie ihr ihre ihnen bitte danke ist sind wird werden " +
    "wij uw onze wordt worden bedankt gelieve " +
    "nosotros usted gracias " +
    "noi voi vostro nostro grazie prego " +
    "prosimy dziekujemy jest"
  ).split(" "),
);

// Registry and legal lines of a footer: they sit beside the seller's name but are never the name.
const registryWords =
  /\b(?:amtsgericht|registergericht|handelsregister|hr[ab]\s*\d|sitz|rcs|siret|siren|kvk|registered\s+(?:in|office|no)|company\s+(?:no|number|reg)|reg(?:istration)?\.?\s*no|r\.?e\.?a\.?|cap(?:itale)?\.?\s*soc|capital\s+(?:social|de)|krs|regon|s[aą]d\s+rejonowy|registro\s+mercantil|inscrita|geschäftsführ|gérant|directeur|managing\s+director|ceo)\b/iu;

// The post office and banks that print a payment slip's receipt: named on the slip, never the seller.
const slipBanks =
  /\b(?:post\s?finance|poste?\s+(?:ch|italiane)|die\s+post|la\s+poste|(?:\p{L}+\s+)?(?:bank|banque|banca|banco|sparkasse|volksbank|raiffeisen\p{L}*|kantonalbank|bankhaus)|credit\s+suisse|ubs|ing|rabobank|abn\s+amro|hsbc|barclays|lloyds|santander|bbva|unicredit|intesa\s+sanpaolo)\b/iu;

const salutation =
  /^(?:inh\.|inhaber(?:in)?|prop\.|proprietor|owner|herrn?|frau|familie|fam\.|mr|mrs|ms|miss|mme|mlle|m\.|monsieur|madame|sig(?:\.|nor[ae]?)|sig\.ra|dhr\.?|mevr\.?|pan|pani|sr\.?|sra\.?)(?!\p{L})/iu;

/** A bank or the post office named on a payment slip. */
export function isBankName(text: string): boolean {
  return slipBanks.test(text);
}

export function isRegistryLine(text: string): boolean {
  return registryWords.test(text);
}

/**
 * A person's address line opens with a salutation ("Herr und Frau", "Mr R Patel"): that block is a recipient. An
 * owner's line ("Inh. Thomas Rasch") names a person under the business, not the business.
 */
export function startsWithSalutation(text: string): boolean {
  return salutation.test(text.trim());
}

function words(text: string): string[] {
  return foldAccents(text)
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w !== "");
}

/**
 * Never a name: a quantity with its unit ("1.00 kg"), an amount, a column heading ("Charges"), a sentence or its
 * fragment ("sur les encaissements"), OCR debris ("gig"), a salutation or a registry line.
 */
export function isPlausibleName(raw: string): boolean {
  const text = raw.trim().replace(/[\s,;]+$/u, "");
  if (text.length < 3 || text.length > 80 || !/\p{L}{2,}/u.test(text)) return false;
  const withForm = legalForm.test(text);
  if (/^[\d\s.,'’/-]+\s*[\p{L}%°²³.]{0,6}$/u.test(text)) return false;
  if (/\d[.,]\d{2}(?!\d)/u.test(text) && !withForm) return false;
  // "HB-23ed86", "INV2025/0418": one token of letters and digits is a reference, not a business.
  if (!withForm && !/\s/u.test(text) && /\d/u.test(text)) return false;
  const ws = words(text);
  if (ws.length === 0 || ws.every((w) => headingWords.has(w))) return false;
  if (ws.some((w) => sentenceWords.has(w))) return false;
  if (ws.length > 7 && !withForm) return false;
  const first = /\p{L}/u.exec(text)?.[0] ?? "";
  // "eBay" and "iStock" start in lower case, and "van Dijk B.V." with a particle; "sur les encaissements", "gig"
  // and "the seller by Marketplace Services S.à r.l." are sentences or debris, whatever they end in.
  if (
    first !== first.toUpperCase() &&
    !/^\p{Ll}\p{Lu}/u.test(text) &&
    !(withForm && /^(?:van|von|de|di|da|du|le|la|el|del|della)\s+\p{Lu}/u.test(text))
  )
    return false;
  if (ws.length === 1 && !withForm && ((ws[0]?.length ?? 0) < 4 || !/[aeiouy]/u.test(ws[0] ?? ""))) return false;
  if (startsWithSalutation(text) || isRegistryLine(text)) return false;
  // "by Marketplace Services S.à r.l.": the tail of a sentence, whatever legal form it ends in.
  if (/^(?:by|for|to|from|at|on|per|par|pour|für|bei|via)\s/iu.test(text)) return false;
  // "Seller Fee Invoice", "Rechnung Strom": a heading that names the document, not its issuer.
  if (!withForm && ws.some((w) => titleWords.has(w))) return false;
  return true;
}
