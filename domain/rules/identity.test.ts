import { describe, expect, it } from "vitest";
import { duplicateLookupKeys, payableKeys, sellerKeys, sharedSellerKinds } from "./identity";

const none = { vendorId: null, taxIds: [], ibans: [], names: [] };

describe("seller identity", () => {
  it("normalises tax ids, IBANs and names, drops legal forms and too-short values, and repeats nothing", () => {
    expect(
      sellerKeys({
        vendorId: "v-1",
        taxIds: ["DE 123.456.789", "de123456789"],
        ibans: ["de89 3704"],
        names: ["Acme GmbH", "ACME", "Co"],
      }),
    ).toEqual([
      { kind: "vendor", key: "vendor:v-1" },
      { kind: "tax id", key: "tax:DE123456789" },
      { kind: "IBAN", key: "iban:DE893704" },
      { kind: "name", key: "name:acme" },
    ]);
  });

  it("says which identities two sellers share", () => {
    expect(
      sharedSellerKinds(
        { ...none, taxIds: ["DE1234"], names: ["Acme"] },
        { ...none, vendorId: "v", taxIds: ["de-1234"], names: ["Acme Ltd"] },
      ),
    ).toEqual(["tax id", "name"]);
    expect(sharedSellerKinds({ ...none, names: ["Acme"] }, { ...none, names: ["Globex"] })).toEqual([]);
  });

  it("looks a document up by seller with its number and with its amount", () => {
    expect(
      duplicateLookupKeys({
        seller: { ...none, taxIds: ["DE1234"] },
        number: "inv-7",
        totalMinor: 100,
        currency: "EUR",
      }),
    ).toEqual(["number:tax:DE1234|INV7", "amount:tax:DE1234|EUR|100"]);
  });
});

describe("the ledger's payable keys", () => {
  const printed = { name: "Acme Ltd", taxId: "DE 1234", iban: null };

  it("are nothing without an invoice number", () => {
    expect(payableKeys({ vendor: null, printed, number: " - " })).toEqual([]);
  });

  it("use the printed tax id for a seller not on file, and the vendor with its tax id once on file", () => {
    expect(payableKeys({ vendor: null, printed, number: "INV-7" })).toEqual(["tax:DE1234|INV7"]);
    const vendor = { id: "v-1", name: "Acme", taxId: "DE1234", iban: null };
    expect(payableKeys({ vendor, printed: { ...printed, taxId: "FR999" }, number: "inv 7" })).toEqual([
      "vendor:v-1|INV7",
      "tax:DE1234|INV7",
    ]);
  });

  it("fall back to the printed tax id when the vendor's record has none, so a copy posted before it was on file collides", () => {
    const vendor = { id: "v-1", name: "Acme", taxId: null, iban: null };
    expect(payableKeys({ vendor, printed, number: "INV-7" })).toEqual(["vendor:v-1|INV7", "tax:DE1234|INV7"]);
  });

  it("use names only when no tax id or IBAN is known", () => {
    expect(
      payableKeys({ vendor: null, printed: { name: "Acme Ltd", taxId: null, iban: null }, number: "7-100" }),
    ).toEqual(["name:acme|7100"]);
    const vendor = { id: "v-1", name: "Acme Industrial", taxId: null, iban: null };
    // On file, the vendor's name speaks, not the printed one, which may be the customer's.
    expect(
      payableKeys({ vendor, printed: { name: "Northwind Traders", taxId: null, iban: null }, number: "7-100" }),
    ).toEqual(["vendor:v-1|7100", "name:acme industrial|7100"]);
  });
});
