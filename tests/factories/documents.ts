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
