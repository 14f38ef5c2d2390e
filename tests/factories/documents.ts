import { createDocument } from "@/db/queries/documents";
import type { Document } from "@/db/schema";

/** A CSV stored as an upload nobody in particular made, without starting its run. */
export async function storeCsv(text: string, actor: { id: string | null; label: string }): Promise<Document> {
  const { document } = await createDocument(
    {
      bytes: Buffer.from(text),
      filename: "po.csv",
      kind: "csv",
      mediaType: "text/csv",
      source: "upload",
      uploadedBy: null,
      apiKeyId: null,
      parentDocumentId: null,
    },
    actor,
  );
  return document;
}

/** A text invoice of its own, sent through the API by nobody in particular, without starting its run. */
export async function storeTextInvoice(): Promise<Document> {
  const { document } = await createDocument(
    {
      bytes: Buffer.from(`invoice ${String(Math.random())}`),
      filename: "invoice.txt",
      kind: "text",
      mediaType: "text/plain",
      source: "api",
    },
    { id: null, label: "test" },
  );
  return document;
}
