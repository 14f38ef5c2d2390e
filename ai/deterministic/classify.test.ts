import { describe, expect, it } from "vitest";
import { textDocument } from "./fixtures/load";
import { classify } from "./classify";

const cls = (text: string): string | null => classify(textDocument(text)).value;

describe("classify", () => {
  it.each([
    ["Invoice\nInvoice No: 1\nAmount due: 10.00", "invoice"],
    ["RECHNUNG\nRechnungsnummer: 1\nBetrag 10,00 €", "invoice"],
    ["FACTURE N° 12\nTotal TTC 10,00 €", "invoice"],
    ["FACTURA\nNº factura: 1", "invoice"],
    ["Fattura n. 12/2025", "invoice"],
    ["FACTUUR\nFactuurnummer 1", "invoice"],
    ["Avocats à la Cour\nNOTE D'HONORAIRES N° 2025-0219\nTotal hors TVA 2.680,13 €", "invoice"],
    ["Purchase Order\nPO Number: 1", "purchase_order"],
    ["BESTELLUNG\nBestellnummer 1", "purchase_order"],
    ["Bon de commande n° 4", "purchase_order"],
    ["Orden de compra 55", "purchase_order"],
    ["QUOTATION\nQuote No: Q-1\nValid until 1 May 2025", "quote"],
    ["Angebot Nr. 7\nGültig bis 01.05.2025", "quote"],
    ["Devis n° 12", "quote"],
    ["Price increase notice\nNew prices effective from 1 May 2025", "price_change"],
    ["Preisänderung zum 1. Mai\nneue Preisliste", "price_change"],
    ["Please update our bank details.\nNew IBAN: DE89370400440532013000", "bank_detail_change"],
    ["Änderung unserer Bankverbindung\nNeue IBAN: DE89370400440532013000", "bank_detail_change"],
    ["Hello, see you at lunch.", "other"],
  ])("classifies %j as %s", (text, expected) => {
    expect(cls(text)).toBe(expected);
  });

  it("does not let a referenced purchase order outweigh the invoice title", () => {
    expect(cls("INVOICE\nInvoice No: 5\nPurchase order no: 4500001\nYour order: 17\nTotal 100.00")).toBe("invoice");
  });

  it("is more confident with a clear title than with a single stray keyword", () => {
    const clear = classify(textDocument("INVOICE\nInvoice No: 1\nDue date: 1 May 2025\nAmount due 10.00"));
    const weak = classify(
      textDocument(
        "Hello,\nthanks for your help.\nSome more text.\nAnd more.\nMore lines.\nStill more.\nAgain.\nOnce more.\nAs discussed, the invoice follows.",
      ),
    );
    expect(clear.confidence).toBeGreaterThan(weak.confidence);
  });
});
