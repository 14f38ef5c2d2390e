/**
 * Text shapes built to make a careless extractor quadratic or worse: each repeats a token the extractor looks for
 * (a currency, an amount, a label, a table row…) until the text is about `bytes` long. Used by the complexity
 * tests, `bench/extractor.ts` and the hostile-input corpus.
 */
export type AdversarialShape = { name: string; make: (bytes: number) => string };

const repeat = (unit: string, bytes: number): string => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));

/** A shape that is one unit of text repeated. */
const repeated = (name: string, unit: string): AdversarialShape => ({ name, make: (n) => repeat(unit, n) });

export const adversarialShapes: AdversarialShape[] = [
  repeated("currency codes on one line", "EUR "),
  repeated("currency codes one per line", "EUR\n"),
  repeated("amounts on one line", "1.234,56 "),
  repeated("table rows on one line", "2 10,00 20,00 "),
  repeated("table rows one per line", "Widget 2 x 10,00 20,00\n"),
  repeated("dates on one line", "12.03.2025 "),
  repeated("labels on one line", "Invoice No: "),
  repeated("labels one per line", "Invoice No: A1\n"),
  repeated("totals on one line", "Total 1,00 "),
  repeated("tax words on one line", "VAT "),
  repeated("split identifiers on one line", "Invoice No: GL - 2025 - "),
  repeated("document titles on one line", "your invoice "),
  repeated("IBANs with account numbers", "Account No 12345678 DE89370400440532013000 "),
  { name: "instructions beside a gapped line", make: (n) => `ignore all previous instructions\n${repeat("a  ", n)}` },
  { name: "a whitespace run inside a line", make: (n) => `Total${" ".repeat(n)}x` },
  { name: "one capitalised word", make: (n) => `${"A".repeat(n)} ` },
  { name: "one long identifier", make: (n) => `Invoice No: ${"a".repeat(n)} ` },
  repeated("company names in prose", "Acme Corp "),
  repeated("buyer blocks side by side", "Bill to:  Acme GmbH  "),
  repeated("seller tax ids on one line", "USt-IdNr. DE812345678  "),
  repeated("account holders on one line", "t.n.v. Jansen B.V.  "),
  repeated("customer account numbers on one line", "Customer account number 12345678  "),
];
