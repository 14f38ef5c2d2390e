import { z } from "zod";
import { isCurrencyCode } from "./money";
import { isValidBic, isValidIban, normalizeIban } from "./parse/identifiers";

const optionalText = z
  .string()
  .trim()
  .max(200, "Keep it under 200 characters.")
  .transform((v) => (v === "" ? null : v));

/** Vendor master data as an admin types it: aliases comma-separated, bank details checked before they are trusted. */
export const vendorSchema = z.object({
  name: z.string().trim().min(1, "Enter the vendor's name.").max(200, "Keep the name under 200 characters."),
  aliases: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  taxId: optionalText,
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCurrencyCode, "Use a three-letter ISO currency code, such as EUR."),
  iban: optionalText
    .transform((v) => (v ? normalizeIban(v) : null))
    .refine(
      (v) => v === null || isValidIban(v),
      "This IBAN's check digits are wrong; copy it again from a trusted source.",
    ),
  bic: optionalText
    .transform((v) => (v ? v.replace(/\s+/g, "").toUpperCase() : null))
    .refine((v) => v === null || isValidBic(v), "A BIC has 8 or 11 letters and digits, such as COBADEFFXXX."),
  accountNumber: optionalText,
  sortCode: optionalText,
  accountName: optionalText,
  address: z
    .string()
    .trim()
    .max(500, "Keep the address under 500 characters.")
    .default("")
    .transform((v) => (v === "" ? null : v)),
  email: optionalText.refine((v) => v === null || z.email().safeParse(v).success, "Enter a valid email address."),
});

export type VendorInput = z.output<typeof vendorSchema>;

/** The vendor form as it starts: every field present and blank, the currency the usual one. */
export const blankVendorForm = {
  name: "",
  aliases: "",
  taxId: "",
  currency: "EUR",
  iban: "",
  bic: "",
  accountNumber: "",
  sortCode: "",
  accountName: "",
  email: "",
  address: "",
} satisfies Required<z.input<typeof vendorSchema>>;
