import { and, desc, eq, ne } from "drizzle-orm";
import type { PriorDocument, PurchaseOrderRecord, VendorMaster } from "@/domain/rules/context";
import type { DocumentClass } from "@/domain/documents/types";
import { db } from "../index";
import { documents, extractions, purchaseOrders, vendors, type Vendor } from "../schema";

export function toVendorMaster(v: Vendor): VendorMaster {
  const hasBank = Boolean(v.iban || v.accountNumber);
  return {
    id: v.id,
    name: v.name,
    aliases: v.aliases,
    taxId: v.taxId,
    currency: v.currency,
    bankDetails: hasBank ? { iban: v.iban, bic: v.bic, accountNumber: v.accountNumber, sortCode: v.sortCode } : null,
  };
}

export async function listVendorMasters(): Promise<VendorMaster[]> {
  return (await db().select().from(vendors)).map(toVendorMaster);
}

/** The vendor's most recent other documents with their extracted numbers, for duplicate and price checks. */
export async function listPriorDocuments(vendorId: string, excludeDocumentId: string, limit = 200): Promise<PriorDocument[]> {
  const rows = await db()
    .selectDistinctOn([documents.id], { document: documents, extraction: extractions.extraction })
    .from(documents)
    .innerJoin(extractions, eq(extractions.documentId, documents.id))
    .where(and(eq(documents.vendorId, vendorId), ne(documents.id, excludeDocumentId), ne(documents.status, "rejected")))
    .orderBy(documents.id, desc(extractions.createdAt))
    .limit(limit);
  return rows.map(({ document, extraction }) => ({
    documentId: document.id,
    documentClass: (document.documentClass ?? "other") as DocumentClass,
    number: document.documentNumber,
    issueDate: extraction.fields.issueDate.value,
    totalMinor: document.totalMinor,
    currency: document.currency,
    lines: extraction.fields.lines.map((l) => ({
      description: l.description.value,
      sku: l.sku?.value ?? null,
      quantity: l.quantity.value,
      unitPriceMinor: l.unitPriceMinor.value,
    })),
  }));
}

export async function findPurchaseOrder(number: string): Promise<PurchaseOrderRecord | null> {
  const [po] = await db().select().from(purchaseOrders).where(eq(purchaseOrders.number, number)).limit(1);
  if (!po) return null;
  return {
    number: po.number ?? number,
    currency: po.currency,
    subtotalMinor: null,
    totalMinor: po.totalMinor,
    lines: po.lines as PurchaseOrderRecord["lines"],
  };
}

export async function setDocumentVendor(documentId: string, vendorId: string | null): Promise<void> {
  await db().update(documents).set({ vendorId }).where(eq(documents.id, documentId));
}
