import { describe, expect, it } from "vitest";
import { extractDeterministic } from "./extract";
import { pdfLike, textDocument } from "./fixtures/load";

const read = (text: string) => extractDeterministic(textDocument(text)).fields;

const body = `
Omschrijving                 Aantal     Bedrag
Onderhoud                         1     100,00

Totaal te betalen                    € 121,00`;

describe("invoice numbers", () => {
  it.each([
    ["Invoice No.: INV-77", "INV-77"],
    ["Invoice #: Q-1002", "Q-1002"],
    ["Rechnungsnummer: RE-2025-31", "RE-2025-31"],
    ["Rechnung Nr. 118842", "118842"],
    ["Facture n° FA-2025-0093", "FA-2025-0093"],
    ["N° de facture : 2025-118", "2025-118"],
    ["Ne factura:  A-2025/0412", "A-2025/0412"],
    ["Factuurnr.: 2025-00381", "2025-00381"],
    ["Factura nº 2025/A/0217", "2025/A/0217"],
    ["Número de factura: 2025/A/0217", "2025/A/0217"],
    ["Fattura n. 87/2025 del 28/03/2025", "87/2025"],
    ["Numero fattura: 87/2025", "87/2025"],
    ["Faktura VAT nr FV/03/2025/117", "FV/03/2025/117"],
    ["Numer faktury: FV/03/2025/117", "FV/03/2025/117"],
    ["Folio No. F-772019", "F-772019"],
    ["Credit Note No: CN-2025-0042", "CN-2025-0042"],
    ["Gutschrift Nr. GS-118", "GS-118"],
  ])("reads %s", (line, number) => {
    expect(read(`Totaal Installaties B.V.\n\n${line}\n${body}`).documentNumber.value).toBe(number);
  });

  it("reads the number under its heading in a row of headings, whatever the order of the columns", () => {
    const text = `Groenwerk B.V.\n\nFACTUUR\n\nVervaldatum        Factuurdatum        Factuurnr.        Debiteurnr.\n14-04-2025         15-03-2025          2025-00381        D-1042\n${body}`;
    for (const doc of [
      textDocument(text),
      pdfLike(textDocument(text)),
      pdfLike(textDocument(text), { boxes: false }),
    ]) {
      const f = extractDeterministic(doc).fields;
      expect([f.documentNumber.value, f.issueDate.value, f.dueDate.value]).toEqual([
        "2025-00381",
        "2025-03-15",
        "2025-04-14",
      ]);
    }
  });

  it("takes a bare N° that opens a cell before a long number, not an address's house number", () => {
    const withTitle = read(
      `DISTRIBUIDORA S.R.L.                  FACTURA B\nAv. Corrientes 2451                   N° 0004-00012873\n\nFecha de Emisión: 18/03/2025\nImporte Total: $ 247.000,00`,
    );
    expect(withTitle.documentNumber.value).toBe("0004-00012873");
    const address = read(`SINAR JAYA SDN. BHD.\nNo. 18, Jalan Perindustrian 3\n\nTotal RM 1,518.00`);
    expect(address.documentNumber.value).toBeNull();
  });

  it("reads 'Nº: T001-004512' on a till receipt and an Argentine sales point with its voucher number", () => {
    expect(
      read(
        `RESTAURANTE LA ALBUFERA\n    FACTURA SIMPLIFICADA\n    Nº: T001-004512\n    Fecha: 15/03/2025\nTOTAL   77,10 €`,
      ).documentNumber.value,
    ).toBe("T001-004512");
    expect(
      read(
        `SERVICIOS PAMPA S.R.L.\n              Punto de Venta: 0003   Comp. Nro: 00001284\nFecha de Emisión: 14/03/2025\nImporte Total: $ 1.179.145,00`,
      ).documentNumber.value,
    ).toBe("0003-00001284");
  });

  it("reads what OCR makes of a scan: a colon read as '1', Polish 'ł' read as 't', a type letter glued to 'FACTURA'", () => {
    expect(
      read(
        `SINAR JAYA TRADING SDN. BHD.\nBill To:  Invoice No 1 SJT/2503/0418\nInvoice Date : 20/03/2025\nTotal Amount  RM 1,518.00`,
      ).documentNumber.value,
    ).toBe("SJT/2503/0418");
    const polish = read(
      `TECHSERWIS Sp. z 0.0.\nNIP: 781-123-45-67\nTermin ptatnosci: 07.04.2025\nFAKTURA VAT nr FV/03/2025/117\nData wystawienia: 24.03.2025\nLp. Nazwa  Wartos$¢ netto\nDo zaptaty: 793,35 zt`,
    );
    expect([polish.dueDate.value, polish.currency.value, polish.totalMinor.value]).toEqual([
      "2025-04-07",
      "PLN",
      79335,
    ]);
    const argentine = extractDeterministic(
      textDocument(
        `DISTRIBUIDORA DEL PLATA S.R.L.  FACTURAB\nAv. Corrientes 2451  N° 0004-00012873\nCUIT: 30-71234567-4\nFecha de Emision: 18/03/2025\nImporte Total: $ 247.000,00\nFecha de Vto. para el pago: 17/04/2025`,
      ),
    );
    expect([argentine.documentClass.value, argentine.fields.dueDate.value]).toEqual(["invoice", "2025-04-17"]);
  });

  it("does not read a Spanish registry line's folio as the invoice number", () => {
    const f = read(
      `Suministros S.L.\nFecha: 04/03/2025\nInscrita en el Registro Mercantil de Valencia, Tomo 10234, Folio 45, Hoja V-178901\nTotal 100,00 €`,
    );
    expect(f.documentNumber.value).toBeNull();
  });

  it("prefers the credit note's own number over the invoice it credits", () => {
    const f = read(
      `Brightline Ltd\n\nCREDIT NOTE\nOriginal Invoice: INV-2025-1187\nCredit Note No: CN-2025-0042\nTotal credit  -£444.00`,
    );
    expect(f.documentNumber.value).toBe("CN-2025-0042");
  });
});

describe("issue date and due date", () => {
  it("never reads the due date as the issue date when the due date is printed first", () => {
    for (const [due, issued] of [
      ["Échéance : 30/04/2025", "Date de facture : 31/03/2025"],
      ["Fecha de vencimiento: 30/04/2025", "Fecha: 31/03/2025"],
      ["Termin płatności: 30.04.2025", "Data wystawienia: 31.03.2025"],
      ["Scadenza: 30/04/2025", "Data fattura: 31/03/2025"],
      ["Fällig am: 30.04.2025", "Rechnungsdatum: 31.03.2025"],
      ["Vervaldatum: 30-04-2025", "Factuurdatum: 31-03-2025"],
      ["Payment due: 30/04/2025", "Invoice date: 31/03/2025"],
      ["Fecha de Vto. para el pago: 30/04/2025", "Fecha de Emisión: 31/03/2025"],
    ]) {
      const f = read(`Seller Ltd\n\n${due}\nInvoice No: A-1\n${issued}\n${body}`);
      expect([f.issueDate.value, f.dueDate.value], `${due} / ${issued}`).toEqual(["2025-03-31", "2025-04-30"]);
    }
  });

  it("reads due dates written as a limit, a sentence or a Norwegian heading", () => {
    for (const [line, due] of [
      ["Date limite de paiement : 15/04/2025", "2025-04-15"],
      ["Bitte überweisen Sie den Betrag bis zum 16.04.2025 auf unser Konto.", "2025-04-16"],
      ["Forfallsdato:   03.04.2025", "2025-04-03"],
    ]) {
      expect(read(`Seller AS\nFakturadato: 20.03.2025\nInvoice No: A-1\n${line}\n${body}`).dueDate.value, line).toBe(
        due,
      );
    }
  });

  it("does not take the first line item's date under a 'Date' column heading as the issue date", () => {
    const f = read(
      `HOTEL ALPENROSE\n6100 Seefeld, Österreich\n                                   Seefeld, 13.03.2025\n\nRechnung Nr. R-118845\n\nDatum/Date    Leistung/Description          Betrag EUR\n10.03.2025    Übernachtung                      189,00\n11.03.2025    Übernachtung                      189,00\n\nSumme / Total                                  378,00`,
    );
    expect(f.issueDate.value).toBe("2025-03-13");
  });

  it("does not join two headings across a column gap into one label ('Invoice Date     Due Date')", () => {
    const f = read(
      `Quantum Pty Ltd\nMelbourne VIC 3000\n\nCustomer ID     Invoice #     Invoice Date     Due Date\nC-00912         QLS-4471      05/03/2025       04/04/2025\n\nTotal  $6,270.00`,
    );
    expect([f.documentNumber.value, f.issueDate.value, f.dueDate.value]).toEqual([
      "QLS-4471",
      "2025-03-05",
      "2025-04-04",
    ]);
  });
});

describe("invoice numbers in scans and under a centred title", () => {
  it("reads the number after an OCR'd 'lnvoice No.'", () => {
    const fields = read(
      [
        "HARBOR TOOL SUPPLY",
        " Ph (555) 010-2000                 lnvoice No.    0071234",
        "                                   Invoice Date   03/18/2025",
        "Total   $ 120.00",
      ].join("\n"),
    );
    expect(fields.documentNumber.value).toBe("0071234");
  });

  it("reads 'Nr' without a dot under a centred FAKTURA VAT title", () => {
    const fields = read(
      [
        "                    FAKTURA VAT",
        "                  Nr FV/2025/04/007",
        "",
        "Data wystawienia:   2025-04-02",
        "Razem do zapłaty   1 230,00 PLN",
      ].join("\n"),
    );
    expect(fields.documentNumber.value).toBe("FV/2025/04/007");
  });
});

describe("a due date after 'Zahlungsziel:'", () => {
  it("reads the date that follows it", () => {
    const fields = read(
      [
        "Elektro Kessler GmbH",
        "Rechnung Nr. 2025-44",
        "Rechnungsdatum: 03.03.2025",
        "Zahlungsziel: 17.03.2025",
        "Gesamtbetrag   119,00 €",
      ].join("\n"),
    );
    expect(fields.dueDate.value).toBe("2025-03-17");
  });

  it.each([
    ["Bitte überweisen Sie den Rechnungsbetrag ohne jeden Abzug bis zum 17.03.2025.", "2025-03-17"],
    ["Scadenze:  17/03/2025   € 119,00   Bonifico", "2025-03-17"],
    ["Termin p łatności:  17.03.2025", "2025-03-17"],
  ])("reads the due date in %s", (line, want) => {
    const fields = read(
      ["Kessler Impianti S.r.l.", "Rechnung Nr. 2025-44", "Datum: 03.03.2025", line, "Gesamtbetrag   119,00 €"].join(
        "\n",
      ),
    );
    expect(fields.dueDate.value).toBe(want);
  });
});

describe("a French 'le' before a date", () => {
  it("dates the invoice from the header row, not from 'le' inside a sentence", () => {
    const fields = read(
      [
        "Garage Dufour SARL",
        "FACTURE",
        "",
        "N° facture          Date              Échéance",
        "GD-25-0042          14/03/2025        13/04/2025",
        "",
        "Réparation effectuée le 11/03/2025 à l'atelier",
        "Net à payer                           120,00 €",
      ].join("\n"),
    );
    expect(fields.issueDate.value).toBe("2025-03-14");
  });

  it("still reads 'Dijon, le …' as the letter's date", () => {
    const fields = read(
      ["Garage Dufour SARL", "Dijon, le 14/03/2025", "Facture N° GD-1", "Net à payer   120,00 €"].join("\n"),
    );
    expect(fields.issueDate.value).toBe("2025-03-14");
  });
});
