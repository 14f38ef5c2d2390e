import { describe, expect, it } from "vitest";
import { checkKnownVendor, matchVendor, normalizeVendorName } from "./known-vendor";
import { makeContext, makeExtraction, makeVendor } from "./test-factory";

describe("known vendor", () => {
  it("passes when the vendor is on file", () => {
    expect(checkKnownVendor(makeContext())).toEqual([]);
  });

  it("fires a policy warning for a vendor not on file", () => {
    const findings = checkKnownVendor(
      makeContext({ vendor: null, extraction: makeExtraction({ vendorName: "Globex", vendorTaxId: "DE999" }) }),
    );
    expect(findings).toEqual([
      {
        rule: "unknown-vendor",
        severity: "warning",
        message:
          'No vendor on file matches "Globex", tax id DE999. If the name was misread, correct it; otherwise an approver or admin sets the vendor up from this document, or rejects it.',
        fields: ["vendorName", "vendorTaxId"],
        details: { vendorName: "Globex", vendorTaxId: "DE999" },
      },
    ]);
  });

  it("asks for the vendor to be set up when an invoice names no seller at all, and leaves other documents alone", () => {
    const none = makeExtraction({ vendorName: null, vendorTaxId: null });
    expect(checkKnownVendor(makeContext({ vendor: null, extraction: none }))).toEqual([
      expect.objectContaining({
        rule: "unknown-vendor",
        severity: "warning",
        message: expect.stringContaining("names no seller Keel could read") as unknown,
      }),
    ]);
    const other = { ...none, documentClass: { ...none.documentClass, value: "quote" as const } };
    expect(checkKnownVendor(makeContext({ vendor: null, extraction: other }))).toEqual([]);
  });

  it("fires when the document's tax id is not the matched vendor's", () => {
    const findings = checkKnownVendor(makeContext({ extraction: makeExtraction({ vendorTaxId: "GB000000000" }) }));
    expect(findings[0]).toMatchObject({
      rule: "vendor-tax-id-mismatch",
      severity: "error",
      details: { documentTaxId: "GB000000000", masterTaxId: "GB123456789" },
    });
  });

  it("reads tax ids regardless of spacing and case", () => {
    expect(checkKnownVendor(makeContext({ extraction: makeExtraction({ vendorTaxId: "gb 123 456 789" }) }))).toEqual(
      [],
    );
  });
});

describe("matchVendor", () => {
  const acme = makeVendor();
  const globex = makeVendor({ id: "vendor-globex", name: "Globex GmbH", aliases: [], taxId: "DE811111111" });

  it("matches by tax id first, even under another name", () => {
    const fields = makeExtraction({ vendorName: "Totally Different", vendorTaxId: "DE 811111111" }).fields;
    expect(matchVendor(fields, [acme, globex])).toBe(globex);
  });

  it("matches by name or alias ignoring case, punctuation and legal form", () => {
    expect(matchVendor(makeExtraction({ vendorName: "Acme Limited", vendorTaxId: null }).fields, [globex, acme])).toBe(
      acme,
    );
    expect(matchVendor(makeExtraction({ vendorName: "ACME TRADING", vendorTaxId: null }).fields, [globex, acme])).toBe(
      acme,
    );
    expect(matchVendor(makeExtraction({ vendorName: "Globex", vendorTaxId: "XX" }).fields, [acme, globex])).toBe(
      globex,
    );
  });

  it("returns null when nothing matches", () => {
    expect(matchVendor(makeExtraction({ vendorName: "Initech", vendorTaxId: null }).fields, [acme, globex])).toBeNull();
    expect(matchVendor(makeExtraction({ vendorName: "Ltd", vendorTaxId: null }).fields, [acme])).toBeNull();
  });

  it("normalizes names", () => {
    expect(normalizeVendorName("Société Générale S.A.")).toBe("societe generale s a");
    expect(normalizeVendorName("ACME, Inc.")).toBe("acme");
  });
});

describe("matchVendor before any guess", () => {
  const acme = makeVendor();
  const mueller = makeVendor({
    id: "vendor-mueller",
    name: "Müller Präzisionstechnik GmbH",
    aliases: [],
    taxId: "DE812345678",
    bankDetails: { iban: "DE89370400440532013000", bic: null, accountNumber: null, sortCode: null },
    email: "buchhaltung@mueller-praezision.de",
  });
  const misread = (input: Parameters<typeof makeExtraction>[0] = {}) =>
    makeExtraction({ vendorName: "Rechnungsadresse Gasthof", vendorTaxId: null, ...input }).fields;

  it("matches by the extracted IBAN when the name was misread and no tax id was read", () => {
    const iban = {
      iban: "DE89 3704 0044 0532 0130 00",
      bic: null,
      accountNumber: null,
      sortCode: null,
      accountName: null,
    };
    expect(matchVendor(misread({ bankDetails: iban }), [acme, mueller])).toBe(mueller);
  });

  it("matches a known vendor's tax id printed anywhere in the text", () => {
    const text = "Gasthof Zur Linde\nRechnung 44\nUSt-IdNr. DE 812 345 678 · Amtsgericht Münster";
    expect(matchVendor(misread(), [acme, mueller], text)).toBe(mueller);
    expect(matchVendor(misread(), [acme, mueller])).toBeNull();
  });

  it("matches a known vendor's IBAN printed anywhere in the text", () => {
    expect(matchVendor(misread(), [acme, mueller], "Bitte auf DE89 3704 0044 0532 0130 00 überweisen")).toBe(mueller);
  });

  it("matches the vendor's email domain in the text, but not a public mail provider's", () => {
    expect(matchVendor(misread(), [acme, mueller], "Fragen an rechnung@mueller-praezision.de")).toBe(mueller);
    const gmail = makeVendor({
      id: "vendor-gmail",
      name: "Solo Trader",
      aliases: [],
      taxId: null,
      bankDetails: null,
      email: "solo@gmail.com",
    });
    expect(matchVendor(misread(), [gmail], "Contact: someone@gmail.com")).toBeNull();
  });

  it("names nobody from the text when it carries the ids of two vendors on file (a buyer's id beside the seller's)", () => {
    expect(matchVendor(misread(), [acme, mueller], "VAT GB123456789\nUSt-IdNr. DE812345678")).toBeNull();
  });

  it("the extracted tax id outranks an id elsewhere in the text", () => {
    expect(matchVendor(misread({ vendorTaxId: "GB 123 456 789" }), [acme, mueller], "USt-IdNr. DE812345678")).toBe(
      acme,
    );
  });

  it("matches a near spelling of the name (OCR), but not when two vendors are as near", () => {
    expect(matchVendor(misread({ vendorName: "Miiller Prazisionstechnik GmbH" }), [acme, mueller])).toBe(mueller);
    const twin = makeVendor({
      id: "vendor-twin",
      name: "Muller Prazisionstechnic",
      aliases: [],
      taxId: null,
      bankDetails: null,
    });
    expect(matchVendor(misread({ vendorName: "Muller Prazisionstechnim" }), [mueller, twin])).toBeNull();
    expect(matchVendor(misread({ vendorName: "Meier Feinmechanik GmbH" }), [acme, mueller])).toBeNull();
  });

  it("stays linear in the text: ten times the text and vendors takes about ten times as long", () => {
    const run = (scale: number): number => {
      const vendors = Array.from({ length: 50 * scale }, (_, i) =>
        makeVendor({
          id: `v${String(i)}`,
          name: `Vendor Number ${String(i)} Trading`,
          aliases: [],
          taxId: `DE${String(100000000 + i)}`,
          bankDetails: null,
          email: `ap@vendor${String(i)}.example`,
        }),
      );
      const text = "Lorem ipsum DE 999 999 999 www.nobody.example ".repeat(400 * scale);
      const started = performance.now();
      for (let i = 0; i < 3; i++) matchVendor(misread({ vendorName: "Someone Else Entirely" }), vendors, text);
      return performance.now() - started;
    };
    run(1);
    expect(run(10)).toBeLessThan(30 * run(1) + 100);
  });
});
