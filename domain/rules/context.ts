import type { DocumentStatus } from "../document-status";
import type { BankDetails, DocumentClass, Extraction, SellerFacts } from "../documents/types";
import type { Thresholds } from "../thresholds";

/**
 * Everything the rules look at, loaded by the pipeline before `checkRules` runs, so the rules stay plain functions.
 * Amounts are integer minor units of the record's own `currency`.
 */

export type VendorBankDetails = Pick<BankDetails, "iban" | "bic" | "accountNumber" | "sortCode">;

export type VendorMaster = {
  id: string;
  name: string;
  aliases: string[];
  taxId: string | null;
  /** The currency the vendor invoices in; null when not on file. */
  currency: string | null;
  /** Null when none are on file. */
  bankDetails: VendorBankDetails | null;
  /** The vendor's email on file: its domain on a document points at the vendor. */
  email?: string | null;
};

export type PriorLine = {
  description: string | null;
  sku: string | null;
  quantity: number | null;
  unitPriceMinor: number | null;
};

/** One of the vendor's recent documents. */
export type PriorDocument = {
  documentId: string;
  documentClass: DocumentClass;
  number: string | null;
  issueDate: string | null; // ISO yyyy-mm-dd
  totalMinor: number | null;
  currency: string | null;
  lines: PriorLine[];
};

/**
 * An earlier document that may be this one again, whoever its vendor: found by seller + invoice number, seller +
 * amount, or a near-identical text. Only documents still on their way to be paid, or paid, count: one rejected or
 * failed is not a payable anybody will make.
 */
export type EarlierDocument = PriorDocument & {
  filename: string;
  status: Exclude<DocumentStatus, "rejected" | "failed">;
  seller: SellerFacts;
  /** The estimated share of text the two documents have in common (0 to 1); null when either has no fingerprint. */
  textSimilarity: number | null;
};

export type PurchaseOrderLine = {
  description: string;
  sku: string | null;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
};

export type PurchaseOrderRecord = {
  number: string;
  currency: string;
  subtotalMinor: number | null;
  totalMinor: number;
  lines: PurchaseOrderLine[];
};

/** What is left to spend on the budget this document draws on. */
export type BudgetLeft = { name: string; remainingMinor: number; currency: string };

export type RuleContext = {
  /** The document being checked; its own row never counts as its history (a replay reloads it). */
  documentId: string;
  extraction: Extraction;
  /** The vendor master record the pipeline matched (see `matchVendor`), or null. */
  vendor: VendorMaster | null;
  vendorDocuments: PriorDocument[];
  /** Earlier documents that may be this one again (see `EarlierDocument`), oldest first. */
  earlierDocuments: EarlierDocument[];
  /** The purchase order the document cites, if one was found. */
  purchaseOrder: PurchaseOrderRecord | null;
  budget: BudgetLeft | null;
  thresholds: Thresholds;
};
