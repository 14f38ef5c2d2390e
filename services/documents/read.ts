import { apiKeyMayRead } from "@/db/queries/api-keys";
import { getDocumentById, getLatestExtraction } from "@/db/queries/documents";
import { listTasksForDocument } from "@/db/queries/tasks";
import type { ApiKey, Document } from "@/db/schema";
import { readOriginalBytes } from "@/services/documents/originals";

/**
 * Where a document stands, as the REST API shows it to `apiKey`: status, class, fields with confidence, findings,
 * decisions. Another key's document is undefined, like a missing one: its existence is not this key's business.
 */
export async function readDocumentForApiKey(apiKey: Pick<ApiKey, "id" | "scope">, documentId: string) {
  const document = await getDocumentById(documentId);
  if (!document || !(await apiKeyMayRead(apiKey, document.id))) return undefined;
  const [extraction, tasks] = await Promise.all([getLatestExtraction(documentId), listTasksForDocument(documentId)]);
  return {
    id: document.id,
    filename: document.filename,
    status: document.status,
    documentClass: extraction?.extraction.documentClass ?? null,
    fields: extraction?.extraction.fields ?? null,
    extractedBy: extraction ? { provider: extraction.provider, promptVersion: extraction.promptVersion } : null,
    findings: extraction?.findings ?? [],
    risk: extraction?.risk ?? null,
    decisions: tasks.map((t) => ({
      taskId: t.id,
      type: t.type,
      status: t.status,
      action: t.action,
      parameters: t.parameters,
      resolvedAt: t.resolvedAt,
      deadlineAt: t.deadlineAt,
    })),
    error: document.status === "failed" ? { class: document.errorClass, message: document.errorMessage } : null,
    receivedAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

/** The file as it was uploaded, with what its page needs to name and type it; undefined when either is gone. */
export async function readOriginal(documentId: string): Promise<{ document: Document; bytes: Buffer } | undefined> {
  const document = await getDocumentById(documentId);
  const bytes = document ? await readOriginalBytes(document) : undefined;
  return document && bytes ? { document, bytes } : undefined;
}
