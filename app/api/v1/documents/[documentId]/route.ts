import { apiKeyMayRead } from "@/db/queries/api-keys";
import { getDocumentById, getLatestExtraction } from "@/db/queries/documents";
import { listTasksForDocument } from "@/db/queries/tasks";
import { requireApiKey } from "@/services/api/authenticate";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";

/** GET /api/v1/documents/:id — where a document stands: status, class, fields with confidence, findings, decisions. */
export async function GET(request: Request, { params }: { params: Promise<{ documentId: string }> }): Promise<Response> {
  return handleRoute(async () => {
    const apiKey = await requireApiKey(request);
    const { documentId } = await params;
    // Another key's document gets the answer of a missing one: its existence is not this key's business.
    const document = await getDocumentById(documentId);
    if (!document || !(await apiKeyMayRead(apiKey, document.id))) throw new AppError("not_found:document", "No document with this id.");
    const [extraction, tasks] = await Promise.all([getLatestExtraction(documentId), listTasksForDocument(documentId)]);
    return Response.json({
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
    });
  });
}
