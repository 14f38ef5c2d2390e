import { describe, expect, it } from "vitest";
import { currencyForCountry, currencyForLanguage, currencyFromMarker, detectCurrency, findCurrencyMentions } from "./currency";
import { detectCountry, detectLanguage } from "./country";

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
