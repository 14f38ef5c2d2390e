/**
 * Text shapes built to make a careless extractor quadratic or worse: each repeats a token the extractor looks for
 * (a currency, an amount, a label, a table row…) until the text is about `bytes` long. Used by the complexity
 * tests, `bench/extractor.ts` and the hostile-input corpus.
 */
export type AdversarialShape = { name: string; make: (bytes: number) => string };

const repeat = (unit: string, bytes: number): string => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));

export const adversarialShapes: AdversarialShape[] = [
  { name: "currency codes on one line", make: (n) => repeat("EUR ", n) },
  { name: "currency codes one per line", make: (n) => repeat("EUR\n", n) },
  { name: "amounts on one line", make: (n) => repeat("1.234,56 ", n) },
  { name: "table rows on one line", make: (n) => repeat("2 10,00 20,00 ", n) },
  { name: "table rows one per line", make: (n) => repeat("Widget 2 x 10,00 20,00\n", n) },
  { name: "dates on one line", make: (n) => repeat("12.03.2025 ", n) },
  { name: "labels on one line", make: (n) => repeat("Invoice No: ", n) },
  { name: "labels one per line", make: (n) => repeat("Invoice No: A1\n", n) },
  { name: "totals on one line", make: (n) => repeat("Total 1,00 ", n) },
  { name: "tax words on one line", make: (n) => repeat("VAT ", n) },
  { name: "split identifiers on one line", make: (n) => repeat("Invoice No: GL - 2025 - ", n) },
  { name: "document titles on one line", make: (n) => repeat("your invoice ", n) },
  { name: "IBANs with account numbers", make: (n) => repeat("Account No 12345678 DE89370400440532013000 ", n) },
  { name: "instructions beside a gapped line", make: (n) => `ignore all previous instructions\n${repeat("a  ", n)}` },
  { name: "a whitespace run inside a line", make: (n) => `Total${" ".repeat(n)}x` },
  { name: "one capitalised word", make: (n) => `${"A".repeat(n)} ` },
  { name: "one long identifier", make: (n) => `Invoice No: ${"a".repeat(n)} ` },
  { name: "company names in prose", make: (n) => repeat("Acme Corp ", n) },
];
