/**
 * The shapes every stage of the document pipeline shares: text with positions, fields with confidence and
 * evidence, rule findings, risk and the route. Plain data, JSON-safe (Inngest step outputs).
 */

export const documentClasses = [
  "purchase_order",
  "invoice",
  "quote",
  "price_change",
  "bank_detail_change",
  "other",
] as const;
export type DocumentClass = (typeof documentClasses)[number];

/** A word or line on a page, where the format gives positions (PDF text layer, OCR). Units: PDF points / pixels. */
export type TextSpan = {
  text: string;
  start: number;
  end: number;
  box?: { x: number; y: number; width: number; height: number };
};

/** One page's text; `start`/`end` of spans and evidence are character offsets into `text`. */
export type TextPage = { page: number; text: string; spans: TextSpan[]; width?: number; height?: number };

export type TextSource = "pdf-text" | "ocr" | "email" | "csv" | "xlsx" | "text";
export type ExtractedText = { source: TextSource; pages: TextPage[]; warnings: string[] };

/** A rectangle on a page as fractions (0..1) of its width and height, top-left origin, so any rendering size fits. */
export type PageBox = { x: number; y: number; width: number; height: number };

/**
 * Where a value was read: page number (1-based) and the character span on that page. `boxes` outline it on the
 * page, one per line it covers, computed once when the extraction is stored (absent on older extractions).
 */
export type Evidence = { page: number; start: number; end: number; text: string; boxes?: PageBox[] };

/** Confidence is 0..1: how sure the extractor is that `value` is right. */
export type Field<T> = { value: T | null; confidence: number; evidence: Evidence | null };

/** Amounts are integer minor units in the document's currency. */
export type LineItem = {
  description: Field<string>;
  quantity: Field<number>;
  unitPriceMinor: Field<number>;
  amountMinor: Field<number>;
  sku?: Field<string>;
};

export type BankDetails = {
  iban: string | null;
  bic: string | null;
  accountNumber: string | null;
  sortCode: string | null;
  accountName: string | null;
};

/** The fields of every class; those a class does not have stay null with confidence 0. */
export type ExtractedFields = {
  vendorName: Field<string>;
  vendorTaxId: Field<string>;
  documentNumber: Field<string>;
  poNumber: Field<string>;
  issueDate: Field<string>; // ISO yyyy-mm-dd
  dueDate: Field<string>;
  currency: Field<string>; // ISO 4217
  subtotalMinor: Field<number>;
  taxMinor: Field<number>;
  totalMinor: Field<number>;
  paymentTerms: Field<string>;
  bankDetails: Field<BankDetails>;
  lines: LineItem[];
};

export type Extraction = {
  documentClass: Field<DocumentClass>;
  fields: ExtractedFields;
  /** Which provider produced it ("deterministic", "claude-…"), and the prompt version for model providers. */
  provider: string;
  promptVersion: string | null;
};

export type Severity = "info" | "warning" | "error";

/** What a rule found; `fields` names what a reviewer should look at. */
export type Finding = {
  rule: string;
  severity: Severity;
  message: string;
  fields: string[];
  details?: Record<string, unknown>;
};

/**
 * Who issued a document, as far as Keel knows: the vendor on file (if matched) and what the document itself prints.
 * A seller is recognised by any of these, so an invoice received before its vendor was on file and a copy received
 * after it still have the seller in common.
 */
export type SellerFacts = {
  vendorId: string | null;
  taxIds: readonly (string | null)[];
  ibans: readonly (string | null)[];
  names: readonly (string | null)[];
};
