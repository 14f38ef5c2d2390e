/** The label vocabulary in the languages Keel sees: English, German, French, Spanish, Italian, Dutch, Portuguese, Polish. */
import type { DocumentClass } from "@/domain/documents/types";
import { label, type Label } from "./locate";

const no = String.raw`(?:no\.?|nro?\.?|n[°º]\.?|n\.|num(?:ber|ero|éro|mer)?\.?|#|№)`;

export const documentNumberLabel: Label = label(String.raw`document\s*${no}`, 0.8);

export const invoiceNumberLabels: Label[] = [
  // OCR reads a capital I as l or 1 ("lnvoice No.").
  label(String.raw`(?:tax\s*)?[il1]nvoice\s*${no}`),
  label(String.raw`inv\.?\s*${no}`),
  label(String.raw`invoice\s*(?=:|#)`, 0.9),
  label(String.raw`bill\s*${no}`, 0.9),
  label(String.raw`rechnungs?\s*-?\s*(?:nummer|${no})`),
  label(String.raw`(?:beleg|dokument)\s*-?\s*(?:nummer|${no})`, 0.85),
  // OCR with English data reads "Nº" as "Ne".
  label(String.raw`(?:${no}|ne)\s*(?:de\s*(?:la\s*)?)?(?:facture|factura|fattura|fatura)`),
  label(String.raw`(?:facture|factura|fattura|fatura)\s*${no}`),
  label(String.raw`n[úu]mero\s*(?:de\s*|da\s*|di\s*)?(?:factura|fatura|fattura)`),
  label(String.raw`numero\s*(?:de\s*|di\s*)?(?:facture|fattura)`),
  label(String.raw`factuur\s*-?\s*(?:nummer|${no})`),
  label(String.raw`faktur[ay]\s*(?:vat\s*)?(?:${no}|numer)`),
  label(String.raw`faktura\s*-?\s*(?:nummer|nr\.?)|fakturanr\.?`),
  label(String.raw`(?:nr|numer)\s*faktury`),
  // Czech and Slovak: "Číslo faktury", "FAKTURA - DAŇOVÝ DOKLAD č. 2025010386".
  label(String.raw`[čc][íi]slo\s*(?:faktury|dokladu)|da[ňn]ov[ýy]\s*doklad\s*[čc]\.`),
  label(
    String.raw`credit\s*note\s*${no}|gutschrift(?:s)?\s*-?\s*(?:nummer|${no})|(?:facture\s*d['’]\s*)?avoir\s*${no}|nota\s*(?:de\s*|di\s*)?cr[ée]dito\s*${no}|credit\s*-?\s*nota\s*-?\s*(?:nummer|${no})|faktura\s*koryguj[ąa]ca\s*${no}`,
  ),
  // Hotels number the guest's bill as a folio; Mexican CFDI print "Serie y Folio". Not the tax stamp's "Folio
  // fiscal", nor a Spanish registry line's "Tomo 10234, Folio 45, Hoja V-178901".
  label(String.raw`(?<!tomo[^\n]{0,24})folio\s*(?:${no})?(?!\s*fiscal)|serie\s*y\s*folio`, 0.9),
  label(String.raw`comp(?:robante)?\.?\s*${no}`, 0.9),
  label("請求書番号"),
  documentNumberLabel,
  // A bare "N°"/"No." opening a cell before a long number ("FACTURA B" over "N° 0004-00012873"); an address's "No. 18," is too short.
  label(
    String.raw`(?:(?<=^\s*)|(?<=\s\s))(?:n[°º]\.?|no\.|nr\.?|nro\.|#)(?=\s?:?\s?[A-Z]{0,4}[-/]?\d[\d\-/]{3,})`,
    0.7,
  ),
  // A title followed directly by its number ("Rechnung 2025-1187") at the start of a line.
  label(
    String.raw`^\s*(?:tax\s*)?(?:invoice|rechnung|facture|factura|fattura|factuur|faktura|fatura)(?=\s+[A-Z]{0,4}\s?[-/]?\d)`,
    0.8,
  ),
];

export const purchaseOrderLabels: Label[] = [
  label(String.raw`p\.?\s?o\.?\s*${no}`),
  label(String.raw`(?:customer|client|your)\s*p\.?\s?o\.?(?=\s*:)`),
  label(String.raw`purchase\s*order\s*${no}?`),
  label(String.raw`(?:customer\s*|your\s*)?order\s*(?:${no}|ref(?:erence)?\.?)`, 0.85),
  label(String.raw`your\s*order`, 0.8),
  label(String.raw`bestell\s*-?\s*(?:nummer|${no})`),
  label(String.raw`(?:ihre\s*)?bestellung\s*${no}?`, 0.85),
  label(String.raw`auftrags?\s*-?\s*(?:nummer|${no})`, 0.8),
  label(String.raw`bon\s*de\s*commande\s*${no}?`),
  label(String.raw`${no}\s*(?:de\s*)?(?:commande|pedido|ordine)`),
  label(String.raw`(?:votre\s*)?commande\s*${no}`, 0.9),
  label(String.raw`orden\s*de\s*compra\s*${no}?`),
  label(String.raw`pedido\s*(?:de\s*compra\s*)?${no}?`, 0.85),
  label(String.raw`ordine\s*(?:d['’]\s*acquisto\s*|di\s*acquisto\s*)?${no}?`, 0.85),
  label(String.raw`rif\.?\s*ordine`, 0.9),
  label(String.raw`(?:inkoop\s*order|bestel)\s*-?\s*(?:nummer|${no})`),
  label(String.raw`(?:uw\s*)?bestelling\s*${no}?`, 0.85),
  label(String.raw`zam[óo]wieni[ea]\s*${no}?`, 0.85),
  label(String.raw`${no}\s*zam[óo]wienia`),
  label("注文番号"),
];

export const quoteNumberLabels: Label[] = [
  label(String.raw`quot(?:e|ation)\s*(?:${no}|ref(?:erence)?\.?)`),
  label(String.raw`(?:quote|quotation)\s*(?=:)`, 0.85),
  label(String.raw`angebots?\s*-?\s*(?:nummer|${no})`),
  label(String.raw`devis\s*${no}`),
  label(String.raw`${no}\s*(?:de\s*)?(?:devis|presupuesto|preventivo)`),
  label(String.raw`(?:presupuesto|cotizaci[oó]n|preventivo|or[çc]amento)\s*${no}?`, 0.9),
  label(String.raw`offerte\s*-?\s*(?:nummer|${no})`),
  label(String.raw`oferta\s*${no}`),
  label("見積番号"),
];

export const referenceLabels: Label[] = [
  label(String.raw`(?:our\s*)?(?:ref(?:erence)?|notice|circular|letter)\s*(?:${no}|:)`, 0.8),
  label(String.raw`(?:unser\s*)?zeichen|referenz\s*${no}?|aktenzeichen`, 0.8),
  label(String.raw`(?:notre\s*)?r[ée]f[ée]rence|réf\.`, 0.8),
];

/** An invoice's own date outranks the order date it repeats; a purchase order's date is its order date. */
export function issueDateLabelsFor(cls: DocumentClass): Label[] {
  const own =
    cls === "purchase_order"
      ? String.raw`(?:order|po|purchase\s*order)\s*date|order\s*-?\s*datum|date\s*of\s*order|bestelldatum|date\s*de\s*commande|fecha\s*(?:de\s*)?pedido|data\s*(?:dell['’]\s*)?ordine|data\s*zam[óo]wienia`
      : String.raw`(?:invoice|quote|quotation|document|bill)\s*date|date\s*of\s*(?:issue|invoice)`;
  const other =
    cls === "purchase_order"
      ? String.raw`(?:invoice|document)\s*date`
      : String.raw`(?:order|po)\s*date|date\s*of\s*order|bestelldatum|date\s*de\s*commande|fecha\s*(?:de\s*)?pedido|data\s*(?:dell['’]\s*)?ordine|data\s*zam[óo]wienia`;
  return [label(own), ...issueDateLabels, label(other, 0.7)];
}

export const issueDateLabels: Label[] = [
  label(String.raw`(?:issue|issued)\s*(?:date|on)?`, 0.95),
  label(String.raw`tax\s*point(?:\s*date)?`, 0.9),
  label(String.raw`(?:rechnungs|angebots|beleg)\s*-?\s*datum`),
  label(String.raw`date\s*(?:de\s*(?:la\s*)?)?(?:facture|facturation|devis|d['’]\s*émission|d['’]\s*emission)`),
  label(String.raw`fecha\s*(?:de\s*)?(?:emisi[oó]n|factura|expedici[oó]n|del\s*presupuesto)`),
  label(String.raw`data\s*(?:della\s*|di\s*)?(?:fattura|documento|emissione)`),
  label(String.raw`factuur\s*-?\s*datum`),
  label(String.raw`data\s*wystawienia`),
  label(String.raw`faktura\s*-?\s*dat(?:um|o)`),
  label(String.raw`data\s*(?:de\s*|da\s*)?emiss[ãa]o`),
  label("発行日|請求日"),
  label(
    String.raw`(?<!(?:due|delivery|order|ship|shipping|payment|expiry|service|valid|supply|effective)\s*)date`,
    0.85,
  ),
  // French dates a letter "Dijon, le 14/03/2025": a "le" inside a sentence ("Enlèvement le …") dates something else.
  label(String.raw`datum|fecha|data|dated|(?:(?<=,\s*)|(?<=^\s*))le|del`, 0.8),
];

export const dueDateLabels: Label[] = [
  label(String.raw`(?:payment\s*)?due\s*date|date\s*due|payment\s*due(?:\s*(?:on|by))?`),
  label(String.raw`due\s*(?:on|by)?`, 0.85),
  label(String.raw`pay(?:able)?\s*(?:by|before|until)`, 0.9),
  label(String.raw`fälligkeits?\s*-?\s*datum|fällig\s*(?:am|bis|zum)?|zahlbar\s*(?:\p{L}+\s+){0,3}bis`),
  label(String.raw`zahlungsziel(?:\s*(?:bis|am))?`, 0.9),
  label(
    String.raw`(?:date\s*d['’]\s*)?[ée]ch[ée]ance|(?:à\s*)?payer\s*avant\s*le|date\s*limite\s*(?:de\s*)?(?:paiement|r[èe]glement)`,
  ),
  label(String.raw`fecha\s*l[íi]mite\s*(?:de\s*)?pago|data\s*limite\s*(?:di\s*)?pagamento`),
  // "Bitte überweisen Sie den Betrag bis zum 16.04.2025": a sentence asking for payment by a date.
  label(String.raw`(?:überweisen|zahlen|bezahlen|begleichen)\s+(?:\p{L}+\s+){0,6}bis\s*(?:zum|spätestens)?`, 0.9),
  label(
    String.raw`(?:fecha\s*(?:de\s*)?)?vencimiento|(?:fecha\s*(?:de\s*)?)?vto\.?(?=\s*(?:para\s*el\s*pago|:))(?:\s*para\s*el\s*pago)?`,
  ),
  label(String.raw`(?:data\s*(?:di\s*)?)?scadenz[ae]`),
  label(String.raw`verval\s*(?:datum|dag)|uiterste\s*betaal\s*datum|te\s*betalen\s*voor`),
  label(String.raw`termin\s*p\s?[łlt]atno[śs]ci`),
  label(String.raw`datum\s*splatnosti|splatnos[tť]`),
  label(String.raw`f[öo]rfallo\s*-?\s*dag(?:en)?|f[öo]rfallodatum|forfal(?:d|l)s?\s*-?\s*dato|betal(?:es|as)\s*senast`),
  label(String.raw`(?:data\s*(?:de\s*)?)?vencimento`),
  label("支払期日|お支払期限"),
];

export const validUntilLabels: Label[] = [
  label(
    String.raw`validit[ée](?:\s*de\s*l['’]\s*offre)?(?:\s*:?\s*jusqu['’]\s*au)?|jusqu['’]\s*au|valid\s*(?:until|till|through|to)|valid\s*for\s*\d+\s*days\s*\(?\s*(?:until|till)|expir(?:es|y\s*date)|g[üu]ltig\s*bis|valable\s*jusqu['’]\s*au|v[áa]lid[oa]\s*hasta|valid[oa]\s*fino\s*al|geldig\s*tot`,
  ),
];

export const paymentTermsLabels: Label[] = [
  label(String.raw`(?:payment\s*)?terms(?:\s*of\s*payment)?|payment\s*conditions`),
  label(String.raw`zahlungs\s*-?\s*(?:bedingungen|ziel|konditionen)`),
  label(
    String.raw`conditions\s*de\s*(?:paiement|règlement|reglement)|modalités\s*de\s*paiement|d[ée]lai\s*de\s*paiement|mode\s*de\s*r[èe]glement`,
  ),
  label(String.raw`condiciones\s*de\s*pago|forma\s*de\s*pago`),
  label(String.raw`(?:termini|condizioni|modalità)\s*di\s*pagamento`),
  label(String.raw`betalings\s*(?:voorwaarden|termijn|conditie)`),
  label(String.raw`(?:warunki|spos[óo]b)\s*p[łl]atno[śs]ci`),
  label(String.raw`condi[çc][õo]es\s*de\s*pagamento`),
  label(String.raw`betalnings\s*-?\s*villkor|betalings\s*-?\s*(?:betingelser|vilk[åa]r)`),
  label("支払条件"),
];

export const vendorLabels: Label[] = [
  label(String.raw`vendor|supplier|seller|issued\s*by|remit\s*to|payee`),
  label(String.raw`lieferant|verk[äa]ufer|rechnungssteller|auftragnehmer`),
  label(String.raw`fournisseur|vendeur|émetteur|emetteur`),
  label(String.raw`proveedor|vendedor|emisor`),
  label(String.raw`fornitore|cedente(?:\s*/\s*prestatore)?|prestatore`),
  label(String.raw`leverancier|verkoper`),
  label(String.raw`sprzedawca|wystawca|dostawca`),
  label(String.raw`fornecedor|emitente`),
];

/** Labels that open the customer's block: what follows is not the issuer. */
export const customerLabels: Label[] = [
  label(
    String.raw`bill(?:ed)?\s*to|invoice\s*to|sold\s*to|ship(?:ped)?\s*to|deliver(?:y)?\s*(?:to|address)|customer|client|buyer|purchaser|attn\.?|attention`,
  ),
  label(
    String.raw`rechnungs\s*(?:empfänger|adresse|anschrift)|liefer\s*(?:adresse|anschrift)|kunde|empfänger|auftraggeber`,
  ),
  label(String.raw`factur[ée]\s*[àa]|adresse\s*de\s*(?:facturation|livraison)|livr[ée]\s*[àa]|destinataire`),
  label(
    String.raw`facturar\s*a|cliente|destinatario|enviar\s*a|spett\.?\s*le|cessionario(?:\s*/\s*committente)?|committente`,
  ),
  label(String.raw`factuur\s*aan|klant|afleveradres|afnemer`),
  label(String.raw`nabywca|odbiorca|p[łl]atnik`),
];

export const taxIdLabels: Label[] = [
  label(
    String.raw`vat\s*(?:reg(?:istration)?\.?\s*)?(?:${no}|id|number)?|tax\s*(?:[il1]d|${no}|reg(?:istration)?)|tin|ein|fein|gstin|gst\s*(?:reg\.?\s*)?${no}?|abn|uid|mwst\s*-?\s*nr|registration\s*${no}`,
  ),
  label(
    String.raw`ust\s*-?\s*id\s*-?\s*(?:nr\.?)?|ust\s*-?\s*idnr\.?|umsatzsteuer\s*-?\s*id(?:entifikations)?(?:nummer)?|steuer\s*-?\s*(?:nummer|nr\.?)`,
  ),
  label(String.raw`(?:n[°º]\s*)?tva(?:\s*intra(?:communautaire)?)?|siret|siren`),
  label(String.raw`nif|cif|n\.?i\.?f\.?|c\.?i\.?f\.?`),
  label(String.raw`p\.?\s*iva|partita\s*iva|codice\s*fiscale|c\.?f\.?`),
  label(String.raw`btw\s*-?\s*(?:nummer|${no}|id)?|btw`),
  label(String.raw`nip|regon`),
  label(String.raw`cuit|rfc|sst\s*(?:reg(?:istration)?\.?\s*)?(?:${no})?|org\.?\s*nr\.?|mva\s*-?\s*nr\.?`),
  label(String.raw`登録番号`),
];

export const documentTitleWords =
  /^(?:tax\s+)?(?:invoice|rechnung|facture|factura|fattura|factuur|faktura(?:\s+vat)?|fatura|purchase\s+order|bestellung|bon\s+de\s+commande|orden\s+de\s+compra|ordine(?:\s+d['’]acquisto)?|quot(?:e|ation)|angebot|devis|presupuesto|preventivo|offerte|credit\s+note|gutschrift|statement|receipt|proforma)\b/iu;
