import { describe, expect, it } from "vitest";
import { makeContext, makeExtraction, makeVendor } from "./test-factory";
import { checkVendorCurrency } from "./vendor-currency";

describe("vendor currency", () => {
  it("passes when the document is in the vendor's currency", () => {
    expect(checkVendorCurrency(makeContext())).toEqual([]);
  });

  it("fires when the document's currency is not the vendor's", () => {
    expect(checkVendorCurrency(makeContext({ extraction: makeExtraction({ currency: "USD" }) }))).toEqual([
      {
        rule: "vendor-currency-mismatch",
        severity: "warning",
        message: "The document is in USD, but ACME Ltd bills in EUR. Check the currency on the document.",
        fields: ["currency"],
        details: { vendorId: "vendor-acme", documentCurrency: "USD", vendorCurrency: "EUR" },
      },
    ]);
  });

  it("says nothing without a vendor, a vendor currency or a document currency", () => {
    expect(checkVendorCurrency(makeContext({ vendor: null, extraction: makeExtraction({ currency: "USD" }) }))).toEqual(
      [],
    );
    expect(
      checkVendorCurrency(
        makeContext({ vendor: makeVendor({ currency: null }), extraction: makeExtraction({ currency: "USD" }) }),
      ),
    ).toEqual([]);
    expect(checkVendorCurrency(makeContext({ extraction: makeExtraction({ currency: null }) }))).toEqual([]);
  });
});
