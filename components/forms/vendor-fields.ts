export type VendorFieldId =
  | "name"
  | "aliases"
  | "taxId"
  | "currency"
  | "email"
  | "iban"
  | "bic"
  | "accountNumber"
  | "sortCode"
  | "accountName"
  | "address";

/** The vendor form's fields, in order, wherever a vendor is typed in: Settings → Vendors and a new-vendor task. */
export const vendorFields: readonly { id: VendorFieldId; label: string; hint?: string }[] = [
  { id: "name", label: "Name" },
  { id: "aliases", label: "Aliases", hint: "Other names on their documents, separated by commas." },
  { id: "taxId", label: "Tax id (VAT, EIN…)" },
  { id: "address", label: "Address", hint: "As printed on their invoices." },
  { id: "currency", label: "Currency" },
  { id: "email", label: "Email for clarifications" },
  { id: "iban", label: "IBAN" },
  { id: "bic", label: "BIC" },
  { id: "accountNumber", label: "Account number" },
  { id: "sortCode", label: "Sort code / routing number" },
  { id: "accountName", label: "Account holder" },
];
