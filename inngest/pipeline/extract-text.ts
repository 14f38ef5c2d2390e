import { NonRetriableError } from "inngest";
import { getDocumentById, getDocumentBytes, recordDocumentEvent, saveDocumentText } from "@/db/queries/documents";
import { isIntakeError } from "@/domain/intake/errors";
import type { SniffedKind } from "@/domain/intake/sniff";
import { extractText } from "@/ai/text";
import { receiveDocument } from "@/lib/documents/receive";

export type TextSummary = { source: string; pages: number; characters: number; attachments: string[] };

/** Step: the document's text with positions, stored; email attachments become documents of their own. */
export async function extractTextStep(documentId: string): Promise<TextSummary> {
  const document = await getDocumentById(documentId);
  const bytes = await getDocumentBytes(documentId);
  if (!document || !bytes) throw new NonRetriableError(`Document ${documentId} does not exist.`);
  let result: Awaited<ReturnType<typeof extractText>>;
  try {
    result = await extractText(new Uint8Array(bytes), document.kind as SniffedKind);
  } catch (error) {
    if (isIntakeError(error)) throw new NonRetriableError(error.message, { cause: error });
    throw error;
  }
  await saveDocumentText(documentId, result.text);
  const attachments: string[] = [];
  for (const attachment of result.attachments) {
    try {
      const child = await receiveDocument({
        bytes: attachment.bytes,
        filename: attachment.filename,
        source: "email_attachment",
        parentDocumentId: documentId,
        uploadedBy: document.uploadedBy,
        actor: { id: null, label: `email ${document.filename}` },
      });
      attachments.push(child.document.id);
    } catch (error) {
      if (!isIntakeError(error)) throw error;
      await recordDocumentEvent({
        documentId,
        kind: "attachment_rejected",
        label: `Attachment ${attachment.filename} was not taken: ${error.message}`,
        dedupeKey: `attachment:${attachment.filename}`,
      });
    }
  }
  const characters = result.text.pages.reduce((sum, p) => sum + p.text.length, 0);
  await recordDocumentEvent({
    documentId,
    kind: "step",
    label: `Text extracted (${result.text.source}, ${String(result.text.pages.length)} page(s), ${String(characters)} characters)`,
    data: { warnings: result.text.warnings, attachments },
    dedupeKey: "extract-text",
  });
  return { source: result.text.source, pages: result.text.pages.length, characters, attachments };
}
