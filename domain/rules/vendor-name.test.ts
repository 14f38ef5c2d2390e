import { describe, expect, it } from "vitest";
import { makeContext, makeExtraction, makeVendor } from "./test-factory";
import { checkVendorName } from "./vendor-name";

describe("vendor name against the vendor on file", () => {
  it("passes when the printed seller is the vendor, an alias, the name with another legal form or an OCR slip", () => {
    for (const vendorName of ["ACME Ltd", "Acme Limited", "ACME Trading", "ACME", "ACME Ltd."]) {
      expect(checkVendorName(makeContext({ extraction: makeExtraction({ vendorName }) })), vendorName).toEqual([]);
    }
    const onFile = (name: string, printed: string) =>
      checkVendorName(
        makeContext({ vendor: makeVendor({ name, aliases: [] }), extraction: makeExtraction({ vendorName: printed }) }),
      );
    expect(onFile("Acme Industrial Supply, Inc.", "ACME INDUSTRIAL SUPPLY")).toEqual([]);
    expect(onFile("Northstar Cleaning Services Ltd", "NORTHSTAR CLEANING SERVlCES LTD")).toEqual([]);
  });

  it("fires when the tax id matched one vendor and the seller's name is another's", () => {
    const findings = checkVendorName(
      makeContext({ extraction: makeExtraction({ vendorName: "Northstar Cleaning Services Ltd" }) }),
    );
    expect(findings).toEqual([
      {
        rule: "vendor-name-mismatch",
        severity: "warning",
        message:
          "The seller reads \"Northstar Cleaning Services Ltd\", but the document was matched to ACME Ltd on file by its tax id or bank details. Check who sent it: if it is ACME Ltd under another name, add that name to the vendor's aliases; otherwise correct the seller's tax id and bank details.",
        fields: ["vendorName", "vendorTaxId", "bankDetails"],
        details: { vendorId: "vendor-acme", vendorOnFile: "ACME Ltd", printedName: "Northstar Cleaning Services Ltd" },
      },
    ]);
  });

  it("says nothing without a vendor on file or a printed name", () => {
    expect(
      checkVendorName(makeContext({ vendor: null, extraction: makeExtraction({ vendorName: "Other GmbH" }) })),
    ).toEqual([]);
    expect(checkVendorName(makeContext({ extraction: makeExtraction({ vendorName: null }) }))).toEqual([]);
  });
});
