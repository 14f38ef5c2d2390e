import { describe, expect, it } from "vitest";
import { extractDeterministic } from "./extract";
import { textDocument } from "./fixtures/load";

const read = (text: string) => extractDeterministic(textDocument(text)).fields;

describe("the total is the amount payable", () => {
  it("is the amount payable after a retention is kept back, but the gross where a deposit was paid", () => {
    const retained = read(
      `Hochbau Muster GmbH\nTeilrechnung Nr. TR-7\n\nNettobetrag      10.000,00\nUSt 20 %          2.000,00\nBruttobetrag     12.000,00\nabzgl. 5 % Haftrücklass     -600,00\nZahlbetrag       EUR 11.400,00`,
    );
    expect([retained.subtotalMinor.value, retained.taxMinor.value, retained.totalMinor.value]).toEqual([
      1000000, 200000, 1140000,
    ]);
    const deposit = read(
      `Atelier Muster SARL\nFacture N° F-9\n\nTotal HT      1 000,00\nTVA 20 %        200,00\nTotal TTC     1 200,00\nAcompte versé   -500,00\nNet à payer     700,00 €`,
    );
    expect(deposit.totalMinor.value).toBe(120000);
  });

  it("reads a Czech invoice's number, due date and totals, OCR slips included", () => {
    const f = read(
      `STROJE Brno s.r.o.             FAKTURA - DANOVY DOKLAD c. 2025010999\nDIC: CZ27184561\nCis1o faktury:   2025010999\nDatum vystaveni:   14.01.2025\nDatum splatnosti:  28.01.2025\n\nCelkem bez DPH:     1 000,00 Kč\nDPH 21 %:             210,00 Kč\nCELKEM K UHRADE:    1 210,00 Kc`,
    );
    expect([
      f.documentNumber.value,
      f.dueDate.value,
      f.subtotalMinor.value,
      f.taxMinor.value,
      f.totalMinor.value,
    ]).toEqual(["2025010999", "2025-01-28", 100000, 21000, 121000]);
  });

  it("reads the subtotal and tax from a totals row under net, tax and gross columns when they add up", () => {
    const f = read(
      `Softhaus Sp. z o.o.\nNIP 676-248-19-00\nFaktura VAT nr FV/1/2025\n\nLp.  Nazwa            Ilość   Wartość netto   VAT   Kwota VAT   Wartość brutto\n1    Wdrożenie          1          1 000,00   23 %     230,00       1 230,00\n                 Razem:           1 000,00              230,00       1 230,00`,
    );
    expect([f.subtotalMinor.value, f.taxMinor.value, f.totalMinor.value]).toEqual([100000, 23000, 123000]);
  });

  it("reads the totals row of a scan whose OCR reads Razem as Razern", () => {
    const f = read(
      `Biuro Serwis Sp. z o.o.\nNIP 525-000-00-00\nFaktura VAT nr FV/2/2025\n\nLp. Nazwa          Ilość   Wartość netto   Kwota VAT   Wartość brutto\n1   Toner          2         1 000,00      230,00     1 230,00\n\n                 Razern:    1 000,00      230,00     1 230,00\n\nDo zapłaty:   1 230,00 zł`,
    );
    expect([f.subtotalMinor.value, f.taxMinor.value, f.totalMinor.value]).toEqual([100000, 23000, 123000]);
  });

  it("is not the previous invoice's total or the payment received on a statement", () => {
    const f = read(
      `CASCADE POWER & LIGHT\nPortland, OR 97208\nBill Number: 250314-88123\n\nPrevious Balance            $312.44\nPayment Received           -$312.44\nTotal Previous Invoice      $312.44\nElectricity charges         $186.20\nTotal Current Charges       $207.02\n\nTotal Amount Due            $207.02`,
    );
    expect(f.totalMinor.value).toBe(20702);
  });

  it("is not the sales a marketplace's commission is charged on", () => {
    const f = read(
      `Rakuma Marketplace GmbH\nInvoice No.: RMP-1\n\nTotal sales (112 orders)          € 8.640,00\nSales commission 12 %                          € 871,26\nPayment processing fee                          € 58,80\n\nNet fees                                       € 930,06\nVAT 19 %                                       € 176,71\nTotal fees due                                € 1.106,77`,
    );
    expect([f.subtotalMinor.value, f.taxMinor.value, f.totalMinor.value]).toEqual([93006, 17671, 110677]);
  });

  it("keeps a credit note's negative total negative, with the sign before the currency symbol", () => {
    const f = read(
      `Brightline Ltd\nReading RG2 6HJ, United Kingdom\nCredit Note No: CN-1\n\nSubtotal        -£370.00\nVAT 20%          -£74.00\nTotal credit    -£444.00`,
    );
    expect([f.subtotalMinor.value, f.taxMinor.value, f.totalMinor.value]).toEqual([-37000, -7400, -44400]);
  });

  it("reads the GST a total includes as the tax, not as the total", () => {
    const f = read(
      `Harbourside Hotel\nFolio No. F-772019\n\nTotal                 931.50\nBalance due             0.00\nTotal includes GST of NZ$ 121.50`,
    );
    expect([f.totalMinor.value, f.taxMinor.value, f.currency.value]).toEqual([93150, 12150, "NZD"]);
  });

  it("takes the seller's country's currency from its tax id when the amounts carry no symbol", () => {
    const f = read(
      `Shree Ganesh Textiles Pvt Ltd\nGSTIN: 27AAPFU0939F1ZV\nInvoice No: SGT/1187\n\nTaxable Value      1,33,500.00\nIGST @ 5%             6,675.00\nGrand Total        1,40,175.00`,
    );
    expect([f.currency.value, f.totalMinor.value]).toEqual(["INR", 14017500]);
  });
});
