import type { VendorMaster } from "./context";
import { normalizeVendorName } from "./known-vendor";
import { normalizeIdentifier } from "./support";
import type { ExtractedFields, SellerFacts } from "../documents/types";

export type { SellerFacts };

export type SellerKey = { kind: "vendor" | "tax id" | "IBAN" | "name"; key: string };

const prefixes: Record<SellerKey["kind"], string> = { vendor: "vendor", "tax id": "tax", IBAN: "iban", name: "name" };

/** Every identity the seller can be recognised by, normalised and without repeats. */
export function sellerKeys(facts: SellerFacts): SellerKey[] {
  const keys: SellerKey[] = [];
  const add = (kind: SellerKey["kind"], value: string | null, normalize: (text: string) => string) => {
    const normalized = value === null ? "" : normalize(value);
    // A one- or two-character name or number is a reading accident, not an identity.
    if (normalized.length < 3) return;
    const key = `${prefixes[kind]}:${normalized}`;
    if (!keys.some((k) => k.key === key)) keys.push({ kind, key });
  };
  add("vendor", facts.vendorId, (id) => id);
  for (const taxId of facts.taxIds) add("tax id", taxId, normalizeIdentifier);
  for (const iban of facts.ibans) add("IBAN", iban, normalizeIdentifier);
  for (const name of facts.names) add("name", name, normalizeVendorName);
  return keys;
}

/** The kinds of identity two sellers share; empty when nothing says they are the same seller. */
export function sharedSellerKinds(a: SellerFacts, b: SellerFacts): SellerKey["kind"][] {
  const theirs = new Set(sellerKeys(b).map((k) => k.key));
  return [
    ...new Set(
      sellerKeys(a)
        .filter((k) => theirs.has(k.key))
        .map((k) => k.kind),
    ),
  ];
}

export function normalizeInvoiceNumber(number: string | null): string | null {
  const normalized = number === null ? "" : normalizeIdentifier(number);
  return normalized === "" ? null : normalized;
}

export type DuplicateKeyInput = {
  seller: SellerFacts;
  number: string | null;
  totalMinor: number | null;
  currency: string | null;
};

/**
 * The keys under which an earlier copy of this document is looked up: the same seller with the same invoice number,
 * or with the same amount (the issue dates are compared afterwards, by the rule).
 */
export function duplicateLookupKeys({ seller, number, totalMinor, currency }: DuplicateKeyInput): string[] {
  const sellers = sellerKeys(seller);
  const normalized = normalizeInvoiceNumber(number);
  const keys: string[] = [];
  for (const { key } of sellers) {
    if (normalized !== null) keys.push(`number:${key}|${normalized}`);
    if (totalMinor !== null && currency !== null) keys.push(`amount:${key}|${currency}|${String(totalMinor)}`);
  }
  return keys;
}

/**
 * The ledger's keys for one payable: seller + normalised invoice number, under each identity that is reliable
 * enough to refuse a posting on. The vendor on file speaks for the seller when matched (what the document prints
 * may be the customer's), the document's tax id and IBAN where the vendor's record is silent. A name counts only
 * when no tax id or IBAN is known, since strangers share names far more often than tax ids. No number, no keys:
 * nothing says two such invoices are one.
 */
export function payableKeys(input: {
  vendor: { id: string; name: string; taxId: string | null; iban: string | null } | null;
  printed: { name: string | null; taxId: string | null; iban: string | null };
  number: string | null;
}): string[] {
  const normalized = normalizeInvoiceNumber(input.number);
  if (normalized === null) return [];
  const { vendor, printed } = input;
  const taxId = vendor?.taxId ?? printed.taxId;
  const iban = vendor?.iban ?? printed.iban;
  const identifiers = sellerKeys({ vendorId: vendor?.id ?? null, taxIds: [taxId], ibans: [iban], names: [] });
  const named = identifiers.some((k) => k.kind === "tax id" || k.kind === "IBAN")
    ? []
    : sellerKeys({ vendorId: null, taxIds: [], ibans: [], names: [vendor ? vendor.name : printed.name] });
  return [...identifiers, ...named].map(({ key }) => `${key}|${normalized}`);
}

/** The seller of a document being checked: the matched vendor's record and what the document prints. */
export function sellerFactsOf(
  fields: Pick<ExtractedFields, "vendorName" | "vendorTaxId" | "bankDetails">,
  vendor: Pick<VendorMaster, "id" | "name" | "taxId" | "bankDetails"> | null,
): SellerFacts {
  return {
    vendorId: vendor?.id ?? null,
    taxIds: [vendor?.taxId ?? null, fields.vendorTaxId.value],
    ibans: [vendor?.bankDetails?.iban ?? null, fields.bankDetails.value?.iban ?? null],
    names: [vendor?.name ?? null, fields.vendorName.value],
  };
}
