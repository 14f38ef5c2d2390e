import { describe, expect, it } from "vitest";
import {
  findBics,
  findIbans,
  findSortCodes,
  findTaxIds,
  isUkAccountNumber,
  isValidAbn,
  isValidBic,
  isValidGstin,
  isValidIban,
  isValidNip,
  isValidPartitaIva,
  isValidSpanishNif,
  isValidVatNumber,
} from "./identifiers";

describe("IBAN", () => {
  it("accepts valid IBANs compact or grouped", () => {
    for (const iban of [
      "GB82WEST12345698765432",
      "DE89 3704 0044 0532 0130 00",
      "FR14 2004 1010 0505 0001 3M02 606",
      "CH93 0076 2011 6238 5295 7",
      "PL61109010140000071219812874",
    ]) {
      expect(isValidIban(iban), iban).toBe(true);
    }
  });

  it("rejects a wrong check digit or length", () => {
    expect(isValidIban("GB82WEST12345698765433")).toBe(false);
    expect(isValidIban("DE8937040044053201300")).toBe(false);
    expect(isValidIban("hello")).toBe(false);
  });

  it("finds IBANs in text without swallowing the next word", () => {
    const text = "IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX";
    const [found] = findIbans(text);
    expect(found?.value).toBe("DE89370400440532013000");
    expect(text.slice(found?.start, found?.end)).toBe("DE89 3704 0044 0532 0130 00");
  });
});

describe("BIC, sort code, account number", () => {
  it("checks BIC shape and country", () => {
    expect(isValidBic("COBADEFFXXX")).toBe(true);
    expect(isValidBic("DEUTDEFF")).toBe(true);
    expect(isValidBic("SUBTOTAL")).toBe(false);
    expect(findBics("SWIFT: NWBKGB2L").map((b) => b.value)).toEqual(["NWBKGB2L"]);
  });

  it("finds UK sort codes and recognises account numbers", () => {
    expect(findSortCodes("Sort code: 60-16-13 Account: 31926819").map((s) => s.value)).toEqual(["60-16-13"]);
    expect(isUkAccountNumber("31926819")).toBe(true);
    expect(isUkAccountNumber("3192681x")).toBe(false);
  });
});

describe("tax ids", () => {
  it("checks EU and UK VAT formats", () => {
    expect(isValidVatNumber("DE123456789")).toBe(true);
    expect(isValidVatNumber("FR 12 345678901")).toBe(true);
    expect(isValidVatNumber("NL123456789B01")).toBe(true);
    expect(isValidVatNumber("GB 123 4567 89")).toBe(true);
    expect(isValidVatNumber("DE12345678")).toBe(false);
  });

  it("checks ABN, GSTIN and NIP checksums", () => {
    expect(isValidAbn("51 824 753 556")).toBe(true);
    expect(isValidAbn("51 824 753 557")).toBe(false);
    expect(isValidGstin("27AAPFU0939F1ZV")).toBe(true);
    expect(isValidGstin("27AAPFU0939F1ZW")).toBe(false);
    expect(isValidNip("1234563218")).toBe(true);
    expect(isValidNip("1234563219")).toBe(false);
  });

  it("finds tax ids of several kinds in text", () => {
    const text =
      "USt-IdNr.: DE123456789 · UID CHE-123.456.789 MWST · EIN 12-3456789 · ABN 51 824 753 556 · GSTIN 27AAPFU0939F1ZV · NIP 123-456-32-18";
    expect(findTaxIds(text).map((t) => [t.kind, t.value])).toEqual([
      ["eu_vat", "DE123456789"],
      ["ch_uid", "CHE-123.456.789"],
      ["us_ein", "12-3456789"],
      ["au_abn", "51824753556"],
      ["in_gstin", "27AAPFU0939F1ZV"],
      ["pl_nip", "1234563218"],
    ]);
  });
});

describe("more tax ids", () => {
  it("checks Spanish NIF/NIE/CIF control characters", () => {
    expect(isValidSpanishNif("12345678Z")).toBe(true);
    expect(isValidSpanishNif("12345678A")).toBe(false);
    expect(isValidSpanishNif("X1234567L")).toBe(true);
    expect(isValidSpanishNif("B12345674")).toBe(true);
  });

  it("finds Canadian business numbers and never reads an IBAN as a tax id", () => {
    expect(findTaxIds("GST/HST Reg. No. 123456789 RT0001").map((t) => [t.kind, t.value])).toEqual([
      ["ca_bn", "123456789RT0001"],
    ]);
    expect(findTaxIds("IBAN ES79 2100 0813 6101 2345 6789")).toEqual([]);
  });
});

describe("Italian partita IVA", () => {
  it("checks the control digit", () => {
    expect(isValidPartitaIva("09876543217")).toBe(true);
    expect(isValidPartitaIva("09876543210")).toBe(false);
  });
});

describe("tax ids of more countries", () => {
  it("reads an Argentine CUIT with a valid check digit and refuses a wrong one", () => {
    expect(findTaxIds("CUIT: 30-71583206-9").map((t) => [t.kind, t.value])).toEqual([["ar_cuit", "30715832069"]]);
    expect(findTaxIds("CUIT: 30-71583206-8").some((t) => t.kind === "ar_cuit")).toBe(false);
  });

  it("reads a Mexican RFC whose middle is a date", () => {
    expect(findTaxIds("RFC: ABC010203XY9").map((t) => [t.kind, t.value])).toEqual([["mx_rfc", "ABC010203XY9"]]);
    expect(findTaxIds("Ref ABC011303XY9").some((t) => t.kind === "mx_rfc")).toBe(false);
  });

  it("reads a Malaysian SST registration number as printed", () => {
    expect(findTaxIds("SST No.: B16-1234-56789012").map((t) => [t.kind, t.value])).toEqual([
      ["my_sst", "B16-1234-56789012"],
    ]);
  });

  it("keeps the NO prefix of a Norwegian org number printed with spaces", () => {
    expect(findTaxIds("Org.nr. NO 987 654 321 MVA").map((t) => t.value)).toEqual(["NO987654321MVA"]);
  });

  it("reads a Polish NIP printed in groups with spaces", () => {
    expect(findTaxIds("NIP: 527 281 36 42").map((t) => [t.kind, t.value])).toEqual([["pl_nip", "5272813642"]]);
  });
});
