import { and, desc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { EarlierDocument, PriorDocument, PurchaseOrderRecord, VendorMaster } from "@/domain/rules/context";
import { db } from "../index";
import {
  documentFingerprints,
  documentKeys,
  documents,
  extractions,
  payables,
  purchaseOrders,
  vendors,
  type Vendor,
} from "../schema";

export function toVendorMaster(v: Vendor): VendorMaster {
  const hasBank = Boolean(v.iban || v.accountNumber);
  return {
    id: v.id,
    name: v.name,
    aliases: v.aliases,
    taxId: v.taxId,
    currency: v.currency,
    bankDetails: hasBank ? { iban: v.iban, bic: v.bic, accountNumber: v.accountNumber, sortCode: v.sortCode } : null,
    email: v.email,
  };
}

export async function listVendorMasters(): Promise<VendorMaster[]> {
  return (await db().select().from(vendors)).map(toVendorMaster);
}

/** The vendor's most recent other documents with their extracted numbers, for duplicate and price checks. */
export async function listPriorDocuments(
  vendorId: string,
  excludeDocumentId: string,
  limit = 200,
): Promise<PriorDocument[]> {
  const rows = await db()
    .selectDistinctOn([documents.id], { document: documents, extraction: extractions.extraction })
    .from(documents)
    .innerJoin(extractions, eq(extractions.documentId, documents.id))
    .where(and(eq(documents.vendorId, vendorId), ne(documents.id, excludeDocumentId), ne(documents.status, "rejected")))
    .orderBy(documents.id, desc(extractions.createdAt))
    .limit(limit);
  return rows.map(({ document, extraction }) => ({
    documentId: document.id,
    documentClass: document.documentClass ?? "other",
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

/**
 * Documents with what was last read from them, their vendor on file, their fingerprint and their payable, oldest
 * first: what the duplicate rule compares and what the duplicate task shows side by side.
 */
export async function listDocumentsAsRead(where: SQL | undefined, limit = 50) {
  return db()
    .selectDistinctOn([documents.createdAt, documents.id], {
      document: documents,
      extraction: extractions.extraction,
      vendor: { name: vendors.name, taxId: vendors.taxId, iban: vendors.iban },
      minhash: documentFingerprints.minhash,
      fingerprintVersion: documentFingerprints.version,
      payableId: payables.id,
    })
    .from(documents)
    .leftJoin(extractions, eq(extractions.documentId, documents.id))
    .leftJoin(vendors, eq(vendors.id, documents.vendorId))
    .leftJoin(documentFingerprints, eq(documentFingerprints.documentId, documents.id))
    .leftJoin(payables, eq(payables.documentId, documents.id))
    .where(where)
    .orderBy(documents.createdAt, documents.id, desc(extractions.createdAt))
    .limit(limit);
}

/** Stores a document's text sketch unless one is stored already, and returns the one stored: computed once. */
export async function saveDocumentFingerprint(
  documentId: string,
  version: number,
  minhash: number[],
): Promise<number[]> {
  await db().insert(documentFingerprints).values({ documentId, version, minhash }).onConflictDoNothing();
  const [stored] = await db()
    .select({ minhash: documentFingerprints.minhash, version: documentFingerprints.version })
    .from(documentFingerprints)
    .where(eq(documentFingerprints.documentId, documentId));
  return stored?.version === version ? stored.minhash : minhash;
}

/** The document's lookup keys become `keys`: a corrected extraction is found under its corrected number. */
export async function replaceDocumentKeys(documentId: string, keys: readonly string[]): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.delete(documentKeys).where(eq(documentKeys.documentId, documentId));
    const unique = [...new Set(keys)];
    if (unique.length > 0)
      await tx
        .insert(documentKeys)
        .values(unique.map((key) => ({ key, documentId })))
        .onConflictDoNothing();
  });
}

/** Documents still on their way to a payable, or posted; rejected and failed ones will never be paid. */
const payableStatuses: readonly EarlierDocument["status"][] = [
  "received",
  "extracting",
  "needs_review",
  "approved",
  "posted",
];

/**
 * Documents received before this one that share a lookup key with it (an index probe per key, never a scan),
 * skipping its own email and attachments, with what the duplicate rule compares. `textSimilarity` is left to the
 * caller, which has the sketches' arithmetic.
 */
export async function listEarlierDocuments(
  documentId: string,
  keys: readonly string[],
  limit = 50,
): Promise<
  (Omit<EarlierDocument, "textSimilarity"> & { minhash: number[] | null; fingerprintVersion: number | null })[]
> {
  if (keys.length === 0) return [];
  const self = await db()
    .select({ parentDocumentId: documents.parentDocumentId })
    .from(documents)
    .where(eq(documents.id, documentId));
  const me = self[0];
  if (!me) return [];
  // Ranked before the limit: a match on seller and number or amount first, then the texts sharing the most bands,
  // so a vendor with hundreds of invoices on one template never crowds out the real copy.
  const ranked = await db()
    .select({ documentId: documentKeys.documentId })
    .from(documentKeys)
    .innerJoin(documents, eq(documents.id, documentKeys.documentId))
    .where(
      and(
        inArray(documentKeys.key, [...new Set(keys)]),
        ne(documentKeys.documentId, documentId),
        inArray(documents.status, [...payableStatuses]),
        // Compared in the database: a JavaScript Date would drop the microseconds that order two uploads.
        sql`(${documents.createdAt}, ${documents.id}) < (select d.created_at, d.id from ${documents} d where d.id = ${documentId})`,
        or(isNull(documents.parentDocumentId), ne(documents.parentDocumentId, documentId)),
        me.parentDocumentId === null ? undefined : ne(documents.id, me.parentDocumentId),
      ),
    )
    .groupBy(documentKeys.documentId)
    .orderBy(desc(sql`bool_or(${documentKeys.key} not like 'text:%')`), desc(sql`count(*)`), documentKeys.documentId)
    .limit(limit);
  if (ranked.length === 0) return [];
  const rows = await listDocumentsAsRead(
    inArray(
      documents.id,
      ranked.map((r) => r.documentId),
    ),
    limit,
  );
  return rows.flatMap(({ document, extraction, vendor, minhash, fingerprintVersion }) => {
    if (extraction === null) return [];
    return [
      {
        documentId: document.id,
        filename: document.filename,
        status: document.status as EarlierDocument["status"],
        documentClass: extraction.documentClass.value ?? "other",
        number: extraction.fields.documentNumber.value,
        issueDate: extraction.fields.issueDate.value,
        totalMinor: extraction.fields.totalMinor.value,
        currency: extraction.fields.currency.value,
        lines: [],
        seller: {
          vendorId: document.vendorId,
          taxIds: [extraction.fields.vendorTaxId.value, vendor?.taxId ?? null],
          ibans: [extraction.fields.bankDetails.value?.iban ?? null, vendor?.iban ?? null],
          names: [extraction.fields.vendorName.value, vendor?.name ?? null],
        },
        minhash,
        fingerprintVersion,
      },
    ];
  });
}

export async function findPurchaseOrder(number: string): Promise<PurchaseOrderRecord | null> {
  const [po] = await db().select().from(purchaseOrders).where(eq(purchaseOrders.number, number)).limit(1);
  if (!po) return null;
  return {
    number: po.number ?? number,
    currency: po.currency,
    subtotalMinor: null,
    totalMinor: po.totalMinor,
    lines: po.lines,
  };
}

export async function setDocumentVendor(documentId: string, vendorId: string | null): Promise<void> {
  await db().update(documents).set({ vendorId }).where(eq(documents.id, documentId));
}
