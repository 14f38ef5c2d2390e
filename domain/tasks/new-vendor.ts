import { z } from "zod";
import { sellerAddress } from "../documents/seller-address";
import type { ExtractedFields, ExtractedText } from "../documents/types";
import type { VendorMaster } from "../rules/context";
import { matchVendor } from "../rules/known-vendor";
import { vendorSchema, type VendorInput } from "../vendors";

/** The vendor form as the new-vendor task fills it in: what the document says, for a person to check. */
export type NewVendorValues = Record<keyof VendorInput, string>;

/** The form's starting values, read from the document; the vendor's currency defaults to the document's. */
export function prefillNewVendor(fields: ExtractedFields, text?: ExtractedText): NewVendorValues {
  const bank = fields.bankDetails.value;
  return {
    name: fields.vendorName.value ?? "",
    aliases: "",
    taxId: fields.vendorTaxId.value ?? "",
    currency: fields.currency.value ?? "EUR",
    iban: bank?.iban ?? "",
    bic: bank?.bic ?? "",
    accountNumber: bank?.accountNumber ?? "",
    sortCode: bank?.sortCode ?? "",
    accountName: bank?.accountName ?? "",
    email: "",
    address: sellerAddress(text, fields.vendorName.evidence),
  };
}

export const bankCheckAdvice =
  "Call the vendor on a number you already trust (their contract or website, never this document) and read the bank details back before you save them.";

/**
 * A vendor set up from a document: validated as in Settings → Vendors, and its bank details, which become what
 * Keel trusts for every later payment, only with the person's word that they were checked out of band.
 */
export const newVendorSchema = vendorSchema
  .extend({ bankChecked: z.literal("on").optional() })
  .superRefine((vendor, ctx) => {
    const hasBank = vendor.iban !== null || vendor.accountNumber !== null;
    if (hasBank && vendor.bankChecked === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["bankChecked"],
        message: `Confirm you checked the bank details by phone, or clear them. ${bankCheckAdvice}`,
      });
    }
  });

export type NewVendorInput = z.output<typeof newVendorSchema>;

/**
 * Whether the vendor would be recognised on this document, so the run continues with it on file. Null when it is;
 * otherwise the sentence to show beside the name.
 */
export function documentMismatch(fields: ExtractedFields, vendor: NewVendorInput): string | null {
  const master: VendorMaster = {
    id: "new",
    name: vendor.name,
    aliases: vendor.aliases,
    taxId: vendor.taxId,
    currency: vendor.currency,
    bankDetails: null,
  };
  if (matchVendor(fields, [master]) !== null) return null;
  const read = fields.vendorName.value;
  return read === null
    ? "The document names no seller, so this vendor would not be recognised on it: reject it, and have its fields corrected first."
    : `Keel read the seller as “${read}”: keep that name, or add it under Aliases, so this document and the next ones are recognised.`;
}
