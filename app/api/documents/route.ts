import { readUpload } from "@/intake/read-upload";
import { authorize } from "@/services/auth/session";
import { answerUpload } from "@/services/documents/upload";
import { handleSessionRoute } from "@/lib/http";

/**
 * The browser's upload: one file per request, the raw bytes as the body and its name in X-Filename, so the page
 * can show each file's progress. The size limit is enforced while the body streams in. Another site's POST is
 * refused before the session is even read.
 */
export async function POST(request: Request): Promise<Response> {
  return handleSessionRoute(request, async () => {
    const user = await authorize("documents:upload");
    const upload = await readUpload(request, { client: "browser" });
    const { status, body } = await answerUpload(upload, { via: "browser", user });
    return Response.json(body, { status });
  });
}

// Reading a body up to the platform's limit, sniffing and storing it; Vercel reads this.
export const maxDuration = 60;
