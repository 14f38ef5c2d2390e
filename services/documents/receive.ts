import type { Actor } from "@/db/queries/audit";
import { countDerivedDocuments, createDocument, type CreateDocumentResult } from "@/db/queries/documents";
import type { Document } from "@/db/schema";
import { acceptUpload } from "@/intake/accept";
import { isIntakeError } from "@/intake/errors";
import type { IntakeLimits } from "@/intake/limits";
import type { Upload } from "@/intake/read-upload";
import { documentReceived, documentReceivedId } from "@/services/events/catalog";
import { storeOriginal } from "@/services/documents/originals";
import { logger } from "@/lib/logger";
import { sendEvents } from "@/services/events/send";
import { withQueries } from "@/lib/telemetry/queries";
import { withCorrelation } from "@/lib/telemetry/correlation";

/** A file that came through the bucket: its own size limit, and the key its bytes already wait under. */
export type BucketUpload = { limits?: IntakeLimits; storedAt?: string };

export type ReceiveInput = Upload &
  BucketUpload & {
    source: Document["source"];
    actor: Actor;
    uploadedBy?: string | null;
    apiKeyId?: string | null;
    parentDocumentId?: string | null;
  };

/**
 * Accepts a file as a document: checks it (`acceptUpload`: size, type sniffed from the bytes, zip expansion, a
 * safe name), stores it, and starts its pipeline run after the commit. Throws IntakeError, with a message for the
 * person, for a file Keel will not take. The same bytes again return the existing document, marked as a duplicate, and start nothing.
 */
export async function receiveDocument(input: ReceiveInput): Promise<CreateDocumentResult> {
  const accepted = acceptUpload(input, input.limits);
  const bytes = Buffer.from(accepted.bytes);
  await storeOriginal(bytes, accepted.mediaType, input.storedAt);
  const result = await withQueries(
    "create-document",
    () =>
      createDocument(
        {
          bytes,
          storedElsewhere: true,
          filename: accepted.filename,
          kind: accepted.kind,
          mediaType: accepted.mediaType,
          source: input.source,
          uploadedBy: input.uploadedBy ?? null,
          apiKeyId: input.apiKeyId ?? null,
          parentDocumentId: input.parentDocumentId ?? null,
        },
        input.actor,
      ),
    (created) => ({ documentId: created.document.id }),
  );
  // The run's event is sent in the document's context, so its trace and its logs name the document.
  return withCorrelation({ documentId: result.document.id }, async () => {
    if (!result.duplicate) await startPipeline(result.document.id);
    return result;
  });
}

export type DerivedResult = { taken: string[]; refused: { filename: string; reason: string }[] };

/**
 * Receives the files a document carried (an email's attachments) as documents of their own, while the upload
 * they all come from has given rise to fewer than `maxDerived` documents, counted over its whole tree: an email
 * attached to an email attached to an email cannot multiply one upload into thousands. Files over the cap, and
 * files intake refuses, come back as `refused` with the reason. Safe to repeat: a file already received is the
 * same document again, and this document's own earlier children are counted as this call's.
 */
export async function receiveDerivedDocuments(
  parent: Pick<Document, "id" | "filename" | "uploadedBy">,
  files: Upload[],
  maxDerived: number,
): Promise<DerivedResult> {
  const counted = await countDerivedDocuments(parent.id);
  const elsewhere = counted.derived - counted.own;
  const result: DerivedResult = { taken: [], refused: [] };
  for (const file of files) {
    if (elsewhere + result.taken.length >= maxDerived) {
      result.refused.push({
        filename: file.filename,
        reason: `one upload may give rise to at most ${String(maxDerived)} documents, and this one has reached that`,
      });
      continue;
    }
    try {
      const child = await receiveDocument({
        bytes: file.bytes,
        filename: file.filename,
        source: "email_attachment",
        parentDocumentId: parent.id,
        uploadedBy: parent.uploadedBy,
        actor: { id: null, label: `email ${parent.filename}` },
      });
      result.taken.push(child.document.id);
    } catch (error) {
      if (!isIntakeError(error)) throw error;
      result.refused.push({ filename: file.filename, reason: error.message });
    }
  }
  return result;
}

/**
 * Sends keel/document.received with an id derived from the document, so sending again (a retry, the reconciler
 * after a lost send) is the same event and never starts a second run.
 */
export async function startPipeline(documentId: string, replay = 0): Promise<void> {
  const id = replay ? `${documentReceivedId(documentId)}-replay-${String(replay)}` : documentReceivedId(documentId);
  try {
    await sendEvents(documentReceived.create({ documentId }, { id }));
  } catch (error) {
    // The document is stored; the reconciler re-sends for documents still "received" after a while.
    logger.error({ documentId, err: error }, "could not send keel/document.received; the reconciler will retry");
  }
}
