import { randomInt } from "node:crypto";

/**
 * A fresh invoice number. Its tail is digits: an identifier without one is not read as a number ("INV-EDIT-bdbcad"),
 * and hex tails such as "2feb89" hold month names, so a random hex tail failed one run in about 150.
 */
export function documentNumber(prefix: string): string {
  return `${prefix}-${randomInt(100_000, 1_000_000)}`;
}

/** A one-line US invoice whose figures add up; `taxId` prints the seller's EIN under its address. */
export function usInvoiceText({
  number,
  seller = "Acme Industrial Supply, Inc.",
  taxId,
}: {
  number: string;
  seller?: string;
  taxId?: string;
}): string {
  return [
    seller,
    "1450 Commerce Parkway, Austin, TX 78741, USA",
    ...(taxId === undefined ? [] : [`EIN: ${taxId}`]),
    "",
    "INVOICE",
    `Invoice #: ${number}`,
    "Invoice Date: 03/04/2025",
    "",
    "Description                 Qty   Unit Price    Amount",
    "Hydraulic hose 1/2in        12    $42.50        $510.00",
    "",
    "Subtotal: $510.00",
    "Sales Tax (8.25%): $42.08",
    "Total Due: $552.08",
  ].join("\n");
}
