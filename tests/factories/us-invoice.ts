import { randomBytes, randomInt } from "node:crypto";

export type Seller = { name: string; ein: string; routing: string; account: string };

/** A made-up word, so no two sellers' names are alike even to fuzzy matching. */
function word(): string {
  const syllables = Array.from(
    { length: 3 },
    () => "bcdfghklmnprstvz".charAt(randomInt(16)) + "aeiou".charAt(randomInt(5)),
  ).join("");
  return syllables.charAt(0).toUpperCase() + syllables.slice(1);
}

/** A seller of its own, so no two tests' invoices look alike to vendor matching or the duplicate checks. */
export function seller(): Seller {
  return {
    name: `${word()} ${word()} Supply, Inc.`,
    ein: `${String(randomInt(10, 99))}-${String(randomInt(1_000_000, 9_999_999))}`,
    routing: "111000025",
    account: String(randomInt(1_000_000_000, 9_999_999_999)),
  };
}

/**
 * An invoice number no other test uses, with a digit in it as invoice numbers have: the extractor reads only tokens
 * with a digit as numbers (a bare word after "Invoice #" is not one), and random hex is all letters one time in 360.
 */
export function invoiceNumber(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString("hex")}${String(randomInt(10))}`;
}

const usd = (minor: number) =>
  `$${(minor / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export type InvoiceLine = { sku: string; description: string; qty: number; unit: number };

/** A US invoice in the layout of the frozen Acme fixture, with lines and totals that add up; `lines` in cents. */
export function invoiceText(
  from: Seller,
  options: { number: string | null; bank?: boolean; lines?: InvoiceLine[] },
): string {
  const lines = options.lines ?? [
    { sku: "HB-1001", description: "Marine rope 12mm x 50m", qty: randomInt(2, 9), unit: randomInt(1_000, 9_000) },
    { sku: "HB-2040", description: "Galvanised shackle 10mm", qty: randomInt(10, 60), unit: randomInt(100, 900) },
  ];
  const subtotal = lines.reduce((sum, l) => sum + l.qty * l.unit, 0);
  const tax = Math.round(subtotal * 0.0825);
  // A day above 12 cannot be read as a month, so the date is never ambiguous.
  const day = String(randomInt(13, 29));
  return [
    from.name,
    "77 Dockside Avenue",
    "Portland, OR 97201",
    "USA",
    `Phone: +1 (503) 555-0${String(randomInt(100, 999))}   billing@${from.name.split(" ")[0]?.toLowerCase() ?? "seller"}.example`,
    `EIN: ${from.ein}`,
    "",
    "                                                        INVOICE",
    "",
    `Bill To:                                  ${options.number === null ? "" : `Invoice #:        ${options.number}`}`,
    `Northwind Traders LLC                     Invoice Date:     05/${day}/2025`,
    `Attn: Accounts Payable                    Due Date:         06/${day}/2025`,
    "88 Harbor Street                          Terms:            Net 30",
    "Seattle, WA 98101",
    "",
    "Item      Description                          Qty      Unit Price        Amount",
    "--------------------------------------------------------------------------------",
    ...lines.map(
      (l) =>
        `${l.sku}   ${l.description.padEnd(36)} ${String(l.qty).padStart(3)} ${usd(l.unit).padStart(14)} ${usd(l.qty * l.unit).padStart(15)}`,
    ),
    "",
    `                                              Subtotal:              ${usd(subtotal)}`,
    `                                              Sales Tax (8.25%):       ${usd(tax)}`,
    `                                              Total Due:             ${usd(subtotal + tax)}`,
    "",
    `Please make checks payable to ${from.name}`,
    ...(options.bank === false ? [] : [`ACH: Routing ${from.routing}   Account No. ${from.account}`]),
    "Thank you for your business!",
  ].join("\n");
}
