import { describe, expect, it } from "vitest";
import { extractDeterministic } from "./extract";
import { pdfLike, textDocument } from "./fixtures/load";
import { checkRequiredFields } from "@/domain/rules/required-fields";
import { isBankName, isPlausibleName } from "./name-shape";

const read = (text: string) => extractDeterministic(textDocument(text)).fields;

const noSeller = [
  "                              RECEIPT / INVOICE",
  "gig",
  "Sold To:",
  "Jane Whitfield",
  "88 Orchard Lane",
  "",
  "Invoice #: 55120",
  "Date: 04/22/2025",
  "",
  "Qty      Item                                   Charges",
  "1.00 kg  Coffee beans, house blend                 24.00",
  "Total                                            $ 45.00",
  "",
  "TVA acquittée",
  "sur les encaissements",
].join("\n");

describe("the seller, not the buyer", () => {
  it("takes the letterhead on the right, not the customer under a Dutch invoice-address heading on the left", () => {
    const text = [
      "Factuuradres                                  Schoonmaakbedrijf Jansen",
      "Hotel De Linde B.V.                           Industrieweg 31",
      "Stationsplein 9                               3542 AD Utrecht",
      "BTW: NL812345678B01                           administratie@jansenschoonmaak.nl",
      "",
      "Factuur 2025-1043",
      "Totaal                                        € 1.875,50",
      "",
      "Graag overmaken op NL44 RABO 0123 4567 89 t.n.v. Schoonmaakbedrijf Jansen",
      "KvK 30198765 · BTW-id NL001234567B01",
    ].join("\n");
    for (const doc of [textDocument(text), pdfLike(textDocument(text), { boxes: true })]) {
      const fields = extractDeterministic(doc).fields;
      expect(fields.vendorName.value).toBe("Schoonmaakbedrijf Jansen");
      // Two tax ids: the buyer's stands in the invoice-address block, the seller's in the footer.
      expect(fields.vendorTaxId.value).toBe("NL001234567B01");
    }
  });

  it("reads the seller from a side-by-side seller/buyer heading row", () => {
    const fields = read(
      [
        "Proveedor                                         Cliente",
        "Frutas Hermanos Gil, S.L.                         Restaurante El Faro, S.L.",
        "C/ Mercado Central 12                             Paseo Marítimo 8",
        "CIF: B12345674                                    CIF: B87654323",
        "",
        "Factura FG-2025-0419",
        "Total factura                                     255,84 €",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Frutas Hermanos Gil, S.L.");
    expect(fields.vendorTaxId.value).toBe("B12345674");
  });

  it("names the account holder when the seller is printed nowhere else", () => {
    const fields = read(
      [
        "RECHNUNG",
        "",
        "Kunde:",
        "Praxis Dr. Anna Weber",
        "Königstraße 12",
        "",
        "Rechnungsnr.: 1187",
        "Rechnungsbetrag                                              505,75 EUR",
        "",
        "Bankverbindung: Volksbank Stuttgart",
        "Kontoinhaber: Medizintechnik Seitz e.K.",
        "IBAN: DE89 3704 0044 0532 0130 00",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Medizintechnik Seitz e.K.");
  });

  it("in a letter, skips the recipient's block (Accounts Payable) and takes the firm it is signed for", () => {
    const fields = read(
      [
        "Harrow & Finch Ltd",
        "Accounts Payable",
        "9 King Street",
        "",
        "Invoice KS-2025-118: boundary survey",
        "Total payable                                                  £1,764.00",
        "",
        "Yours faithfully,",
        "",
        "Richard Pike MRICS",
        "For and on behalf of Kestrel Surveying Ltd",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Kestrel Surveying Ltd");
  });

  it("names the legal entity the footer states under the letterhead's trading name", () => {
    const fields = read(
      [
        "              SAFFRON LEAF",
        "        Fine Indian Kitchen & Bar",
        "",
        "Bill No: SL-2291",
        "Grand Total                                      ₹2,360.00",
        "",
        "Saffron Leaf Hospitality Private Limited",
        "The Harcourt Hotel is operated by Harcourt Hotels (Edinburgh) Limited, registered in Scotland no. SC512874.",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Saffron Leaf Hospitality Private Limited");
    const hotel = read(
      [
        "THE HARCOURT HOTEL",
        "27 Melville Crescent, Edinburgh",
        "",
        "Invoice 4471",
        "Total   £754.50",
        "",
        "The Harcourt Hotel is operated by Harcourt Hotels (Edinburgh) Limited, registered in Scotland no. SC512874.",
      ].join("\n"),
    );
    expect(hotel.vendorName.value).toBe("Harcourt Hotels (Edinburgh) Limited");
  });

  it("reads a From: block beside a To: block", () => {
    const fields = read(
      [
        "INVOICE",
        "",
        "From:                                        To:",
        "Brightline Studio                            Oakfield Dental Practice Ltd",
        "Flat 3, 21 Cheapside                         2 Church Lane",
        "",
        "Invoice number: BLS-0098",
        "Total                                        £2,040.00",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Brightline Studio");
  });

  it("takes 'Sold by' and 'Razón social', not the word seller inside a sentence", () => {
    const marketplace = read(
      [
        "Sold by: Nordic Home Goods AB                        Invoice number: SE-NHG-2025-10442",
        "Invoice total                                        748,00 kr",
        "This invoice is issued on behalf of the seller by Marketplace Services S.à r.l., L-1855 Luxembourg.",
      ].join("\n"),
    );
    expect(marketplace.vendorName.value).toBe("Nordic Home Goods AB");
    // OCR misreads the accent of the label ("Razén").
    const ocr = read(
      ["FACTURA SIMPLIFICADA", "Razén social: Panaderia Hermanos Ortega, S.L.", "TOTAL   90,00 €"].join("\n"),
    );
    expect(ocr.vendorName.value).toBe("Panaderia Hermanos Ortega, S.L.");
    const ticket = read(
      [
        "FACTURA SIMPLIFICADA",
        "Razón social: Panadería Hermanos Ortega, S.L.",
        "NIF: B12345674",
        "Cliente: Eventos Castellana S.A.",
        "TOTAL   90,00 €",
      ].join("\n"),
    );
    expect(ticket.vendorName.value).toBe("Panadería Hermanos Ortega, S.L.");
  });

  it("never names the payment slip's bank or post office, but the slip's payee", () => {
    const fields = read(
      [
        "Elektro Brunner",
        "Bahnhofstrasse 17, 8610 Uster",
        "www.elektro-brunner.ch",
        "",
        "Rechnung Nr. 25-0611",
        "Total inkl. MWST                                     CHF 1'821.49",
        "",
        "Empfangsschein                Zahlteil",
        "Konto / Zahlbar an            Konto / Zahlbar an",
        "CH93 0076 2011 6238 5295 7    CH93 0076 2011 6238 5295 7",
        "Elektro Brunner               Elektro Brunner",
        "Annahmestelle                 PostFinance AG",
        "Die Post · Poste CH SA",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Elektro Brunner");
  });

  it("keeps the seller when the buyer has the same name (a group's internal invoice)", () => {
    const text = [
      "Nordlicht Logistik GmbH",
      "Hafenstraße 40 · 20457 Hamburg",
      "",
      "An",
      "Nordlicht Logistik GmbH",
      "Niederlassung München",
      "",
      "Rechnung Nr.: ILV-2025-031",
      "Gesamtbetrag                                 7.140,00 EUR",
      "",
      "Nordlicht Logistik GmbH · Sitz: Hamburg · Amtsgericht Hamburg HRB 123456",
      "USt-IdNr. DE 300 111 222",
    ].join("\n");
    const fields = read(text);
    expect(fields.vendorName.value).toBe("Nordlicht Logistik GmbH");
    // The evidence is the seller's letterhead or footer, never the addressee's block.
    expect(fields.vendorName.evidence?.start).not.toBe(text.indexOf("Nordlicht", text.indexOf("An\n")));
    expect(fields.vendorTaxId.value).toBe("DE300111222");
  });

  it("takes the name from a registry footer line, never the registry line itself", () => {
    const fields = read(
      [
        "Your bill",
        "Bill number: SKY-5512093",
        "Total due                                   £46.20",
        "",
        "Skyline Mobile Ltd. Registered in England and Wales No. 04123456.",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toMatch(/^Skyline Mobile Ltd\.?$/u);
  });

  it("ends the buyer's block at the seller's heading when OCR dropped the blank line between them", () => {
    const fields = read(
      [
        "FAKTURA NR FV/27/04/2025",
        "Nabywca:",
        "Hotel Pod Wawelem Sp. z o.o.",
        "NIP 951-234-56-75",
        "Sprzedawca:",
        "Pralnia Biała Sp. j.",
        "NIP 725-100-20-00",
        "Do zapłaty: 2 169,72 PLN",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Pralnia Biała Sp. j.");
    expect(fields.vendorTaxId.value).toBe("7251002000");
  });

  it("takes the business, not its owner's line, and a footer name parted by dashes", () => {
    expect(
      read(
        [
          "Kalte- und Klimatechnik Rasch",
          "Inh. Thomas Rasch",
          "info@kaelte-rasch.de",
          "",
          "Rechnung 12",
          "Rechnungsbetrag   324,87 €",
        ].join("\n"),
      ).vendorName.value,
    ).toBe("Kalte- und Klimatechnik Rasch");
    const footer = read(
      [
        "ROSSI",
        "",
        "Cliente:",
        "Condominio Via Verdi 12",
        "",
        "FATTURA N. 144/2025",
        "Totale   € 1.744,60",
        "Rossi Impianti S.r.l. – Via Lecco 9 – P.IVA 07123456787 – REA MI-1987654",
      ].join("\n"),
    );
    expect(footer.vendorName.value).toBe("Rossi Impianti S.r.l.");
  });

  it("names nobody, with no confidence, when no seller is printed, and says so in a finding", () => {
    const extraction = extractDeterministic(textDocument(noSeller));
    // A unit, a column heading, a sentence fragment and OCR debris are all on the page; none is taken.
    expect(extraction.fields.vendorName.value).toBeNull();
    expect(extraction.fields.vendorName.confidence).toBe(0);
    const findings = checkRequiredFields({ extraction });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "required-field-missing",
        fields: expect.arrayContaining(["vendorName"]) as unknown,
      }),
    ]);
    expect(findings[0]?.message).toMatch(/missing: .*Read them from the document or reject it\./u);
  });
});

describe("what is never a name", () => {
  it.each([
    "1.00 kg",
    "12.00 m",
    "4.50 h",
    "Charges",
    "Summary of charges",
    "sur les encaissements",
    "gig",
    "1 234,56",
    "Amtsgericht Hamburg HRB 123456",
    "RCS Lyon B 512 345 678",
    "Herr und Frau",
    "Seller Fee Invoice",
    "Thank you for your purchase",
    "by Marketplace Services S.à r.l.",
    "the seller by Marketplace Services S.à r.l.",
    "HB-23ed86",
    "INV2025/0418",
  ])("%s", (text) => {
    expect(isPlausibleName(text)).toBe(false);
  });

  it.each(["Poste CH SA", "PostFinance AG", "Sparkasse Münsterland Ost", "Die Post"])(
    "%s is a payment slip's bank",
    (text) => {
      expect(isBankName(text)).toBe(true);
    },
  );

  it.each([
    "Elektro Brunner",
    "Kälte- und Klimatechnik Rasch",
    "Frutas Hermanos Gil, S.L.",
    "eBay Marketplaces GmbH",
    "TECNOLOGÍAS SIERRA MADRE S.A. DE C.V.",
    "The Harbourside Hotel",
    "van Dijk Installatietechniek B.V.",
    "1&1 Versatel GmbH",
    "Studio 54 Design",
  ])("%s is", (text) => {
    expect(isPlausibleName(text)).toBe(true);
  });
});

describe("bank accounts", () => {
  it("does not read a customer's account number as the seller's bank account", () => {
    const fields = read(
      [
        "Northline Telecom Ltd                                         Account number     8841 2290",
        "Invoice INV-4411",
        "Total due                                                     £52.80",
        "",
        "Bank transfer to Northline Telecom Ltd, sort code 40-11-60, account number 91234567.",
        "Please quote your account number 8841 2290 as the reference.",
      ].join("\n"),
    );
    expect(fields.bankDetails.value?.accountNumber).toBe("91234567");
  });

  it("does not read the account number on a slip returned with a cheque as a bank account", () => {
    const fields = read(
      [
        "City of Springfield Utilities",
        "Bill Number: UB-2025-04-88120",
        "Total Amount Due                                           $114.00",
        "",
        "Please return this portion with your payment",
        "Make checks payable to: City of Springfield Utilities",
        "Account Number: 3300-4412-07            Amount Due: $114.00",
      ].join("\n"),
    );
    expect(fields.bankDetails.value?.accountNumber ?? null).toBeNull();
    expect(fields.vendorName.value).toBe("City of Springfield Utilities");
  });

  it("reads an A/c number whose slash OCR read as l", () => {
    const fields = read(
      [
        "Nimbus Cloudworks Private Limited",
        "Tax Invoice NC-1",
        "Grand Total   2,65,500.00",
        "Bank Details: HDFC Bank, Koramangala Branch",
        "Alc Name: Nimbus Cloudworks Private Limited  Alc No: 50200098765432  IFSC: HDFC0001234",
      ].join("\n"),
    );
    expect(fields.bankDetails.value?.accountNumber).toBe("50200098765432");
  });

  it("reads an account number under a bank heading a few lines up, and a CLABE", () => {
    const jp = read(
      [
        "Kobayashi Seimitsu Kogyo Co., Ltd.",
        "Invoice No. KS-88",
        "Total   ¥896,500",
        "",
        "Bank:            Sumitomo Mitsui Banking Corporation",
        "Branch:          Kanda",
        "Account Type:    Ordinary (Futsu)",
        "Account No.:     7654321",
      ].join("\n"),
    );
    expect(jp.bankDetails.value?.accountNumber).toBe("7654321");
    const mx = read(
      [
        "TECNOLOGÍAS SIERRA MADRE S.A. DE C.V.",
        "Factura No.: A-2291",
        "Total   $ 73,312.00",
        "CLABE: 014180006543210982",
      ].join("\n"),
    );
    expect(mx.bankDetails.value?.accountNumber).toBe("014180006543210982");
  });

  it.each(["Customer account number: 55012345", "Contract account no. 7781234567", "Meter number 12345678"])(
    "finds no bank account in %s",
    (line) => {
      const fields = read(["Acme Supplies Ltd", "Invoice INV-1", line, "Total due   £10.00"].join("\n"));
      expect(fields.bankDetails.value?.accountNumber ?? null).toBeNull();
    },
  );
});

describe("the seller's full legal name", () => {
  it("takes the Nordic AS printed in capitals as a legal form, so the footer's entity wins over the letterhead", () => {
    const fields = read(
      [
        "                    SKOGLI GJESTEGÅRD",
        "              Dalvegen 3, 2680 Vågå",
        "",
        "Invoice no.:  7781            Invoice date: 02.04.2025",
        "Total                                       NOK 2 400,00",
        "",
        "Skogli Gjestegård AS · Org.nr. 987 654 321 MVA · Dalvegen 3, 2680 Vågå",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Skogli Gjestegård AS");
  });

  it("does not take a phrase ending in a lower-case 'as' for a company", async () => {
    const { legalForm } = await import("./name-shape");
    expect(legalForm.test("Goods such as")).toBe(false);
    expect(legalForm.test("Bergtind AS")).toBe(true);
  });

  it("reads a name wrapped over two lines whole from the footer that prints it on one", () => {
    const fields = read(
      [
        "              OSTERIA DEL PONTE",
        "   Via Roma 4 - 10121 Torino (TO)",
        "",
        "di Bianchi Marco & C. S.a.s.",
        "P.IVA IT01234567897",
        "",
        "FATTURA N. 12/2025                      Data: 03/04/2025",
        "TOTALE FATTURA             EUR   88,00",
        "",
        "Osteria del Ponte di Bianchi Marco & C. S.a.s. - Via Roma 4, 10121 Torino",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Osteria del Ponte di Bianchi Marco & C. S.a.s.");
  });

  it("keeps the name when a longer line ending in it is a signature with a title", () => {
    const fields = read(
      ["Tallholm Timber AB", "Invoice TT-4", "Total   SEK 1 000,00", "", "Sales Director, Tallholm Timber AB"].join(
        "\n",
      ),
    );
    expect(fields.vendorName.value).toBe("Tallholm Timber AB");
  });

  it("names the account holder with a legal form over a letterhead slogan without one", () => {
    const fields = read(
      [
        "                                   HOLZ · LACK · BODEN",
        "                                   post@holz-lack-boden.de",
        "",
        "Rechnung Nr. 2025/7",
        "Gesamtbetrag                    1.190,00 €",
        "",
        "Bankverbindung: Kreissparkasse · Kontoinhaber: Tischlerei Anna Vogt e.K.",
        "IBAN DE89 3704 0044 0532 0130 00",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Tischlerei Anna Vogt e.K.");
  });

  it("does not take a holder read with its sentence ('Bank transfer to …') as the name", () => {
    const fields = read(
      [
        "BRIGHTFERN",
        "Invoice BF-9",
        "Total   € 50,00",
        "Bank transfer to Brightfern Studio B.V., IBAN NL91 ABNA 0417 1643 00",
      ].join("\n"),
    );
    expect(fields.vendorName.value).not.toMatch(/^Bank transfer/u);
  });

  it("takes a customer block with an accented department line ('Service Comptabilité') as the buyer's", () => {
    const fields = read(
      [
        "MENUISERIE DURAND & FILS",
        "Tél. 03 80 00 00 00",
        "",
        "                                   BOULANGERIE DU CENTRE SARL",
        "                                   Service Comptabilité",
        "                                   4, rue Haute",
        "",
        "FACTURE N° MD-25-001",
        "Net à payer                        1 200,00 €",
        "",
        "Menuiserie Durand & Fils SAS au capital de 10 000 € – RCS Dijon 123 456 789",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Menuiserie Durand & Fils SAS");
  });

  it("does not read a heading such as 'Seller Centre' as a seller label with a value", () => {
    const fields = read(
      [
        "Kedaiku                                              TAX INVOICE",
        "Seller Centre",
        "",
        "Kedaiku Niaga Sdn. Bhd.",
        "Level 2, Jalan Ampang, Kuala Lumpur",
        "",
        "Invoice No.:  KN-1",
        "Total including SST          RM        100.00",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Kedaiku Niaga Sdn. Bhd.");
  });
});

describe("a logo without spaces", () => {
  it("names the legal entity whose letters start with the logo's", () => {
    const fields = read(
      [
        "BrightPath",
        "SST No.: B16-1234-56789012",
        "",
        "Invoice No.: BP-77",
        "Total   RM 100.00",
        "",
        "Thank you.",
        "Bright Path Sdn. Bhd. · SST No. B16-1234-56789012",
      ].join("\n"),
    );
    expect(fields.vendorName.value).toBe("Bright Path Sdn. Bhd.");
  });
});

describe("the seller's tax id under more labels", () => {
  it.each([
    ["Fed. Tax lD 12-3456789", "12-3456789"],
    ["CUIT: 30-71583206-9", "30715832069"],
    ["RFC: ABC010203XY9", "ABC010203XY9"],
    ["SST Registration No.: B16-1234-56789012", "B16-1234-56789012"],
  ])("reads %s", (line, want) => {
    const fields = read(["Harlow Parts Co. Ltd", line, "Invoice No. HP-1", "Total   100.00"].join("\n"));
    expect(fields.vendorTaxId.value).toBe(want);
  });
});

describe("a Portuguese invoice naming its seller only in the footer", () => {
  it("takes the customer under Exmo(s). Sr(s). as the buyer, and reads the series number after the title", () => {
    const f = read(
      `FATURA  FT 2025B/77\n\nExmo(s). Sr(s).\nPastelaria Central, Lda.\nRua Direita, 12\n4000-100 Porto\n\nData de emissão:   08/05/2025\nTotal ilíquido    100,00 €\nTotal IVA          23,00 €\nTotal a pagar     123,00 €\n\nFrioluz Instalações Técnicas, Lda. · Rua Nova, 5, 4200-211 Porto\nNIF 514 238 763 · Capital social 5.000,00 € · geral@frioluz.pt`,
    );
    expect([f.vendorName.value, f.documentNumber.value]).toEqual(["Frioluz Instalações Técnicas, Lda.", "FT 2025B/77"]);
  });
});
