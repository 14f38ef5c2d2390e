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

  it("leaves a document with no vendor at all to the required-fields rule", () => {
    expect(
      checkKnownVendor(
        makeContext({ vendor: null, extraction: makeExtraction({ vendorName: null, vendorTaxId: null }) }),
      ),
    ).toEqual([]);
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
