import { describe, expect, it } from "vitest";
import { checkRequiredFields, isValidIban } from "./required-fields";
import { bankDetails, makeContext, makeExtraction } from "./test-factory";

const check = (extraction = makeExtraction()) => checkRequiredFields(makeContext({ extraction }));

describe("required fields", () => {
  it("passes a complete invoice", () => {
    expect(check()).toEqual([]);
  });

  it("lists every missing invoice field in one finding, in words a person uses", () => {
    const findings = check(makeExtraction({ documentNumber: null, issueDate: null, totalMinor: null }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "required-field-missing",
      severity: "error",
      fields: ["documentNumber", "issueDate", "totalMinor"],
    });
    expect(findings[0]?.message).toBe(
      "This invoice is missing: invoice number, issue date, total. Read them from the document or reject it.",
    );
  });

  it("counts blank text as missing", () => {
    expect(check(makeExtraction({ vendorName: "  " }))[0]?.fields).toEqual(["vendorName"]);
  });

  it("requires lines on a purchase order, and quantity and price on each", () => {
    expect(
      check(makeExtraction({ documentClass: "purchase_order", lines: [], subtotalMinor: null, totalMinor: 1000 }))[0]
        ?.fields,
    ).toEqual(["lines"]);
    const findings = check(
      makeExtraction({
        documentClass: "purchase_order",
        lines: [{ quantity: null, unitPriceMinor: 1000, amountMinor: 1000 }],
      }),
    );
    expect(findings[0]?.fields).toEqual(["lines[0].quantity"]);
    expect(findings[0]?.message).toContain("line 1 quantity");
    expect(findings[0]?.message).toContain("purchase order");
  });

  it("requires new bank details on a bank detail change", () => {
    const without = makeExtraction({
      documentClass: "bank_detail_change",
      bankDetails: bankDetails({ accountName: "ACME" }),
    });
    expect(check(without)[0]?.fields).toEqual(["bankDetails"]);
    const withIban = makeExtraction({
      documentClass: "bank_detail_change",
      bankDetails: bankDetails({ iban: "GB29NWBK60161331926819" }),
    });
    expect(check(withIban)).toEqual([]);
  });

  it("asks for the document type when classification failed", () => {
    const findings = check(makeExtraction({ documentClass: null }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "required-field-missing", fields: ["documentClass"] });
  });

  it("requires nothing of other documents", () => {
    expect(
      check(
        makeExtraction({
          documentClass: "other",
          vendorName: null,
          documentNumber: null,
          currency: null,
          totalMinor: null,
        }),
      ),
    ).toEqual([]);
  });
});

describe("invalid field values", () => {
  it("fires for a currency that is not ISO 4217", () => {
    expect(check(makeExtraction({ currency: "EURO" }))).toEqual([
      expect.objectContaining({
        rule: "invalid-field-value",
        fields: ["currency"],
        message: 'The currency "EURO" is not an ISO 4217 code. Correct it from the document.',
      }),
    ]);
  });

  it("fires for a date that does not exist", () => {
    expect(check(makeExtraction({ issueDate: "2026-02-30" }))[0]).toMatchObject({
      rule: "invalid-field-value",
      fields: ["issueDate"],
    });
    expect(check(makeExtraction({ dueDate: "02/11/2026" }))[0]).toMatchObject({
      rule: "invalid-field-value",
      fields: ["dueDate"],
    });
  });

  it("fires for amounts that are not whole minor units", () => {
    const findings = check(
      makeExtraction({
        subtotalMinor: 11,
        taxMinor: 2,
        totalMinor: 30.6,
        lines: [{ quantity: 1, unitPriceMinor: 10.5, amountMinor: 10.5 }],
      }),
    );
    expect(findings.map((f) => f.fields[0])).toEqual(["totalMinor", "lines[0].unitPriceMinor", "lines[0].amountMinor"]);
  });

  it("fires for an IBAN that fails its checksum", () => {
    const findings = check(makeExtraction({ bankDetails: bankDetails({ iban: "GB29 NWBK 6016 1331 9268 18" }) }));
    expect(findings).toEqual([expect.objectContaining({ rule: "invalid-field-value", fields: ["bankDetails"] })]);
  });
});

describe("isValidIban", () => {
  it("accepts valid IBANs with or without spaces and rejects misreads", () => {
    expect(isValidIban("GB29NWBK60161331926819")).toBe(true);
    expect(isValidIban("de89 3704 0044 0532 0130 00")).toBe(true);
    expect(isValidIban("DE89370400440532013001")).toBe(false);
    expect(isValidIban("12345")).toBe(false);
  });
});
