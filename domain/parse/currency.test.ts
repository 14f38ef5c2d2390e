import { describe, expect, it } from "vitest";
import {
  currencyForCountry,
  currencyForLanguage,
  currencyFromMarker,
  detectCurrency,
  findCurrencyMentions,
} from "./currency";
import { countryEvidence, detectCountry, detectLanguage } from "./country";

describe("currencyFromMarker", () => {
  it.each([
    ["€", "EUR"],
    ["EUR", "EUR"],
    ["US$", "USD"],
    ["£", "GBP"],
    ["¥", "JPY"],
    ["CHF", "CHF"],
    ["SEK", "SEK"],
    ["zł", "PLN"],
    ["PLN", "PLN"],
    ["R$", "BRL"],
    ["A$", "AUD"],
    ["C$", "CAD"],
    ["₹", "INR"],
    ["KWD", "KWD"],
  ])("reads %s as %s", (marker, code) => {
    expect(currencyFromMarker(marker)).toBe(code);
  });

  it("resolves $ and kr by country", () => {
    expect(currencyFromMarker("$", { country: "AU" })).toBe("AUD");
    expect(currencyFromMarker("$", { country: "CA" })).toBe("CAD");
    expect(currencyFromMarker("$", { country: "US" })).toBe("USD");
    expect(currencyFromMarker("$")).toBe("USD");
    expect(currencyFromMarker("kr", { country: "NO" })).toBe("NOK");
    expect(currencyFromMarker("kr", { country: "DK" })).toBe("DKK");
  });
});

describe("detectCurrency", () => {
  it("prefers explicit codes and is less sure of a bare $ without a country", () => {
    expect(detectCurrency("Total: 1.234,56 €\nMwSt 19% 197,00 €")?.code).toBe("EUR");
    const bare = detectCurrency("Total: $1,234.56");
    expect(bare?.code).toBe("USD");
    expect(bare?.confidence).toBeLessThan(0.6);
    expect(detectCurrency("Total: $1,234.56 AUD")?.code).toBe("AUD");
  });

  it("ignores three-letter words that are not common currency codes", () => {
    expect(findCurrencyMentions("ALL ITEMS VAT TOTAL")).toEqual([]);
  });

  it("returns null when there is no currency at all", () => {
    expect(detectCurrency("Hello world")).toBeNull();
  });
});

describe("detectCountry / detectLanguage", () => {
  it("finds the country from addresses, names and prefixes", () => {
    expect(detectCountry("Acme Inc\n100 Main St\nAustin, TX 78701\nUSA")).toBe("US");
    expect(detectCountry("Widgets Pty Ltd\nABN 51 824 753 556\nSydney NSW 2000")).toBe("AU");
    expect(detectCountry("Müller GmbH\n10115 Berlin\nDeutschland\nUSt-IdNr. DE123456789")).toBe("DE");
    expect(detectCountry("nothing here")).toBeNull();
  });

  it("detects the language from common words", () => {
    expect(detectLanguage("Rechnung Nr. 1 Datum Betrag inkl. MwSt und Summe")).toBe("de");
    expect(detectLanguage("Facture n° 1 montant TTC et TVA")).toBe("fr");
    expect(detectLanguage("Invoice total amount due date")).toBe("en");
  });
});

describe("currencyForCountry", () => {
  it("gives the currency a country prints without a symbol", () => {
    expect(currencyForCountry("IT")).toBe("EUR");
    expect(currencyForCountry("CH")).toBe("CHF");
    expect(currencyForCountry("XX")).toBeNull();
    expect(currencyForCountry(null)).toBeNull();
  });
});

describe("currencyForLanguage", () => {
  it("falls back on the language's usual currency", () => {
    expect(currencyForLanguage("nl")).toBe("EUR");
    expect(currencyForLanguage("pl")).toBe("PLN");
    expect(currencyForLanguage("en")).toBeNull();
  });
});

describe("a symbol several currencies share", () => {
  const currency = (text: string) =>
    detectCurrency(text, { countryScores: countryEvidence(text), language: detectLanguage(text) });

  it.each([
    ["CUIT: 30-71234567-4\nAv. Corrientes 2451, Buenos Aires\nTotal: $ 247.000,00", "ARS"],
    ["RFC: SLB180412KT3\nServicios SA de CV\nTotal $31,752.00", "MXN"],
    ["ABN 53 004 085 616\nTotal $6,270.00", "AUD"],
    ["GST/HST No. 81234 5678 RT0001\nToronto, ON  M5V 1K4\nTotal Due $1,988.80", "CAD"],
    ["Acme Inc\nAustin, TX 78701\nTotal $100.00", "USD"],
    ["CVR-nr. 38124567\nAt betale kr. 5.562,50", "DKK"],
    ["Org.nr 914 738 202\nOslo, Norge\nÅ betale kr 1 250,00", "NOK"],
    [
      "Shenzhen Brightstar Co., Ltd.\nShenzhen, Guangdong 518057\nBuyer: Nordwind B.V., Rotterdam, The Netherlands\nTotal ¥25,250.00",
      "CNY",
    ],
    ["Sakura KK\nTokyo 100-0001\n合計 ¥25,250", "JPY"],
  ])("settles it from the seller's country and tax id: %s", (text, code) => {
    const found = currency(text);
    expect(found?.code).toBe(code);
    expect(found?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it("reads RM as ringgit, ₹ as rupees and zł as złoty, and a Malaysian 'Sdn. Bhd.' as no currency", () => {
    expect(currency("SINAR JAYA TRADING SDN. BHD.\nTotal Amount   RM 1,518.00")?.code).toBe("MYR");
    expect(currency("Grand Total ₹1,40,175.00")?.code).toBe("INR");
    expect(currency("Do zapłaty: 793,35 zł")?.code).toBe("PLN");
    const folio = currency("Lone Star Inn, Austin, TX 78701\nGuest: L. Bennett   RM 1204\nTotal $931.50");
    expect([folio?.code, (folio?.confidence ?? 0) >= 0.9]).toEqual(["USD", true]);
  });

  it("is uncertain, below the review threshold, when the evidence does not settle it", () => {
    const bare = currency("Total: $1,234.56");
    expect(bare?.code).toBe("USD");
    expect(bare?.confidence).toBeLessThan(0.9);
    // A Spanish-language invoice with "$" and no country could be in pesos of half a continent, or dollars.
    expect(currency("Factura\nFecha: 18/03/2025\nImporte total: $ 247.000,00")?.confidence).toBeLessThan(0.9);
    // Evidence for two countries that share the symbol, neither clearly ahead.
    expect(
      currency("Acme Inc, Austin, TX 78701\nBilled to: Maple Ltd, Toronto, ON  M5V 1K4\nTotal $100.00")?.confidence,
    ).toBeLessThan(0.9);
    expect(currency("Faktura\nÅ betale kr 1 250,00")?.confidence).toBeLessThan(0.9);
  });

  it("resolves a document's symbols in time linear in their number", () => {
    const text = `RFC: SLB180412KT3\n${"$1.00 ".repeat(100_000)}`;
    const started = performance.now();
    expect(currency(text)?.code).toBe("MXN");
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe("the South African rand", () => {
  it("reads R before an amount with cents as ZAR, and a lone letter R as nothing", () => {
    expect(detectCurrency("TAX INVOICE\nSUB TOTAL R45,250.00\nTOTAL DUE R 52 037.50")?.code).toBe("ZAR");
    expect(findCurrencyMentions("Room R 12, row R 4")).toEqual([]);
  });

  it("knows South Africa from its addresses and companies", () => {
    expect(detectCountry("Umhlanga Guarding (Pty) Ltd\n3 Palm Boulevard, Durban, 4319")).toBe("ZA");
    expect(currencyForCountry("ZA")).toBe("ZAR");
  });
});
