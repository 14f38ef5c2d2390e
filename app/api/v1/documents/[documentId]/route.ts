import { requireApiKey } from "@/services/api/authenticate";
import { readDocumentForApiKey } from "@/services/documents/read";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";

/** GET /api/v1/documents/:id — where a document stands: status, class, fields with confidence, findings, decisions. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ documentId: string }> },
): Promise<Response> {
  return handleRoute(async () => {
    const apiKey = await requireApiKey(request);
    const { documentId } = await params;
    const document = await readDocumentForApiKey(apiKey, documentId);
    if (!document) throw new AppError("not_found:document", "No document with this id.");
    return Response.json(document);
  });
}

// Reaches the object store through the document services; Vercel reads this.
export const maxDuration = 60;
