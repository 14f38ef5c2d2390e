import { isIntakeError } from "@/intake/errors";
import { defaultIntakeLimits, readLimited } from "@/intake/limits";
import { authorize } from "@/services/auth/session";
import { receiveDocument } from "@/services/documents/receive";
import { handleSessionRoute } from "@/lib/http";

/**
 * The browser's upload: one file per request, the raw bytes as the body and its name in X-Filename, so the page
 * can show each file's progress. The size limit is enforced while the body streams in. Another site's POST is
 * refused before the session is even read.
 */
export async function POST(request: Request): Promise<Response> {
  return handleSessionRoute(request, async () => {
    const user = await authorize("documents:upload");
    const filename = decodeFilename(request.headers.get("x-filename"));
    try {
      const declared = Number(request.headers.get("content-length") ?? Number.NaN);
      const bytes = request.body
        ? await readLimited(request.body, {
            maxBytes: defaultIntakeLimits.maxBytes,
            ...(Number.isFinite(declared) ? { declaredBytes: declared } : {}),
          })
        : new Uint8Array();
      const { document, duplicate } = await receiveDocument({
        bytes,
        filename,
        source: "upload",
        uploadedBy: user.id,
        actor: { id: user.id, label: user.email },
      });
      return Response.json(
        { id: document.id, filename: document.filename, status: document.status, duplicate },
        { status: duplicate ? 200 : 201 },
      );
    } catch (error) {
      if (isIntakeError(error)) {
        return Response.json({ error: { code: `rejected:${error.code}`, message: error.message } }, { status: error.status });
      }
      throw error;
    }
  });
}

function decodeFilename(header: string | null): string {
  if (!header) return "";
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}
