import { randomInt } from "node:crypto";

/**
 * A fresh invoice number. Its tail is digits: an identifier without one is not read as a number ("INV-EDIT-bdbcad"),
 * and hex tails such as "2feb89" hold month names, so a random hex tail failed one run in about 150.
 */
export function documentNumber(prefix: string): string {
  return `${prefix}-${randomInt(100_000, 1_000_000)}`;
}

/**
 * A seller no other spec uses: specs share one database, and one that sets up "Acme Industrial Supply, Inc." changes
 * what every other upload from it asks. Consonants only, so no tag spells a month or a number.
 */
export function uniqueSeller(): string {
  const letters = "BCDGHKLMNPRSTVWXZ";
  const tag = Array.from({ length: 6 }, () => letters[randomInt(letters.length)]).join("");
  return `Acme ${tag} Supply, Inc.`;
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

/**
 * The one-line invoice with a second line that prints its unit price and amount a tenth of what they are (3 × $3.00 =
 * $9.00): the line adds up on its own, so it is read, but the lines fall $81.00 short of the subtotal.
 */
export function misprintedLineInvoiceText({ number, seller }: { number: string; seller: string }): string {
  const hose = "Hydraulic hose 1/2in        12    $42.50        $510.00";
  return usInvoiceText({ number, seller })
    .replace(hose, `${hose}\nBrass fitting kit           3     $3.00         $9.00`)
    .replace("Subtotal: $510.00", "Subtotal: $600.00")
    .replace("Sales Tax (8.25%): $42.08", "Sales Tax (8.25%): $49.50")
    .replace("Total Due: $552.08", "Total Due: $649.50");
}
