import { describe, expect, it } from "vitest";
import { bankDetails, makeExtraction } from "../rules/test-factory";
import { documentMismatch, newVendorSchema, prefillNewVendor } from "./new-vendor";

const extraction = makeExtraction({
  vendorName: "Globex GmbH",
  vendorTaxId: "DE811907980",
  bankDetails: bankDetails({ iban: "DE89370400440532013000" }),
});
const form = prefillNewVendor(extraction.fields);

describe("a vendor set up from a document", () => {
  it("starts from what the document says", () => {
    expect(form).toMatchObject({
      name: "Globex GmbH",
      taxId: "DE811907980",
      iban: "DE89370400440532013000",
      currency: "EUR",
    });
  });

  it("saves bank details only with the word that they were checked by phone", () => {
    const unchecked = newVendorSchema.safeParse(form);
    expect(unchecked.error?.issues[0]).toMatchObject({
      path: ["bankChecked"],
      message: expect.stringContaining("by phone") as string,
    });
    expect(newVendorSchema.safeParse({ ...form, bankChecked: "on" }).success).toBe(true);
    expect(newVendorSchema.safeParse({ ...form, iban: "", bic: "" }).success).toBe(true);
  });

  it("refuses a vendor the document would not be recognised as, and says how to fix it", () => {
    const renamed = newVendorSchema.parse({ ...form, name: "Globex Holdings", taxId: "", bankChecked: "on" });
    expect(documentMismatch(extraction.fields, renamed)).toBe(
      "Keel read the seller as “Globex GmbH”: keep that name, or add it under Aliases, so this document and the next ones are recognised.",
    );
    expect(documentMismatch(extraction.fields, { ...renamed, aliases: ["Globex GmbH"] })).toBeNull();
    expect(documentMismatch(extraction.fields, newVendorSchema.parse({ ...form, bankChecked: "on" }))).toBeNull();
  });
});
