import { describe, expect, it } from "vitest";
import { blankVendorForm, vendorSchema } from "./vendors";

const base = { ...blankVendorForm, name: "ACME GmbH", aliases: "ACME, Acme Tools ", currency: "eur" };

describe("vendorSchema", () => {
  it("splits aliases, normalises codes and empties", () => {
    expect(vendorSchema.parse({ ...base, iban: "de89 3704 0044 0532 0130 00", bic: "cobadeffxxx" })).toMatchObject({
      aliases: ["ACME", "Acme Tools"],
      currency: "EUR",
      taxId: null,
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
    });
  });

  it("refuses an IBAN with wrong check digits, beside the field", () => {
    const result = vendorSchema.safeParse({ ...base, iban: "DE00370400440532013000" });
    expect(result.error?.issues[0]?.path).toEqual(["iban"]);
  });
});
