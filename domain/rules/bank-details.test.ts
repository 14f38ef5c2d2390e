import { describe, expect, it } from "vitest";
import { checkBankDetails } from "./bank-details";
import { bankDetails, makeContext, makeExtraction, makeVendor } from "./test-factory";

const onFile = "GB29NWBK60161331926819";
const other = "GB94BARC10201530093459";
const withBank = (
  details: Parameters<typeof bankDetails>[0],
  documentClass: "invoice" | "bank_detail_change" = "invoice",
) => makeExtraction({ documentClass, bankDetails: bankDetails(details) });

describe("bank details", () => {
  it("passes when the document's IBAN is the one on file, however it is spaced", () => {
    expect(checkBankDetails(makeContext({ extraction: withBank({ iban: "gb29 nwbk 6016 1331 9268 19" }) }))).toEqual(
      [],
    );
  });

  it("passes when the document carries no bank details", () => {
    expect(checkBankDetails(makeContext())).toEqual([]);
    expect(checkBankDetails(makeContext({ extraction: withBank({ bic: "NWBKGB2L" }) }))).toEqual([]);
  });

  it("fires as an irreversible error when the IBAN differs, showing only the last digits", () => {
    const findings = checkBankDetails(makeContext({ extraction: withBank({ iban: other }, "bank_detail_change") }));
    expect(findings).toEqual([
      {
        rule: "bank-details-changed",
        severity: "error",
        message:
          "The document asks for payment to IBAN ending 3459, but ACME Ltd's record on file has IBAN ending 6819. Confirm with ACME Ltd through contact details already on file, never ones from this document, before anything is paid or changed.",
        fields: ["bankDetails"],
        details: {
          irreversible: true,
          reason: "differs",
          vendorId: "vendor-acme",
          documentIbanLast4: "3459",
          documentAccountLast4: null,
        },
      },
    ]);
  });

  it("compares account number and sort code when there is no IBAN", () => {
    const vendor = makeVendor({
      bankDetails: { iban: null, bic: null, accountNumber: "31926819", sortCode: "60-16-13" },
    });
    expect(
      checkBankDetails(
        makeContext({ vendor, extraction: withBank({ accountNumber: "31926819", sortCode: "601613" }) }),
      ),
    ).toEqual([]);
    const moved = checkBankDetails(
      makeContext({ vendor, extraction: withBank({ accountNumber: "31926819", sortCode: "200000" }) }),
    );
    expect(moved[0]?.details).toMatchObject({ reason: "differs" });
    expect(moved[0]?.message).toContain(
      "payment to sort code 200000, account ending 6819, but ACME Ltd's record on file has sort code 601613, account ending 6819.",
    );
    expect(
      checkBankDetails(makeContext({ vendor, extraction: withBank({ accountNumber: "11111111" }) }))[0]?.rule,
    ).toBe("bank-details-changed");
  });

  it("fires when the vendor has no bank details on file", () => {
    const vendor = makeVendor({ bankDetails: null });
    const findings = checkBankDetails(makeContext({ vendor, extraction: withBank({ iban: onFile }) }));
    expect(findings[0]).toMatchObject({
      rule: "bank-details-changed",
      severity: "error",
      details: { reason: "unverifiable" },
    });
    expect(findings[0]?.message).toContain("no bank details are on file");
  });

  it("leaves an unknown vendor's bank details to the new-vendor review, not a bank change", () => {
    const findings = checkBankDetails(makeContext({ vendor: null, extraction: withBank({ iban: onFile }) }));
    expect(findings).toEqual([]);
  });

  it("fires when the document and the record use different identifiers", () => {
    const findings = checkBankDetails(
      makeContext({ extraction: withBank({ accountNumber: "31926819", sortCode: "601613" }) }),
    );
    expect(findings[0]?.details).toMatchObject({ reason: "unverifiable", irreversible: true });
  });
});
