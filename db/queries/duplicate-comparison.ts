import { inArray } from "drizzle-orm";
import type { Extraction } from "@/domain/documents/types";
import { documents, type DocumentStatus } from "../schema";
import { listDocumentsAsRead } from "./rule-context";

/** One side of a duplicate comparison: the document, what was read from it, and its payable if it was posted. */
export type ComparedDocument = {
  id: string;
  filename: string;
  status: DocumentStatus;
  receivedAt: Date;
  vendorName: string | null;
  fields: Extraction["fields"] | null;
  payableId: string | null;
};

/** The documents a CONFIRM_DUPLICATE task puts side by side, in the order asked for. */
export async function listComparedDocuments(ids: readonly string[]): Promise<ComparedDocument[]> {
  if (ids.length === 0) return [];
  const rows = await listDocumentsAsRead(inArray(documents.id, [...ids]), ids.length);
  const byId = new Map(
    rows.map(({ document, extraction, vendor, payableId }) => [
      document.id,
      {
        id: document.id,
        filename: document.filename,
        status: document.status,
        receivedAt: document.createdAt,
        vendorName: vendor?.name ?? null,
        fields: extraction?.fields ?? null,
        payableId,
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}
