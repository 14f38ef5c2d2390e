import { readUpload } from "@/intake/read-upload";
import { handleSessionRoute } from "@/lib/http";
import { authorize } from "@/services/auth/session";
import { receiveUploadedEml } from "@/services/tickets/eml-upload";
import { maxInboundMailBytes } from "@/services/tickets/inbound-mail";

/**
 * The New ticket page's .eml upload: the saved email's raw bytes as the body, its name in X-Filename. A route handler
 * rather than a server action, whose body limit (1 MB) is far below the 10 MB an email may be; the limit is held
 * while the body streams in, and another site's POST is refused before the session is read.
 */
export async function POST(request: Request): Promise<Response> {
  return handleSessionRoute(request, async () => {
    const user = await authorize("tickets:create");
    const upload = await readUpload(request, { client: "browser", maxBytes: maxInboundMailBytes });
    const { ticketId, created, threaded } = await receiveUploadedEml(upload, { id: user.id, label: user.email });
    return Response.json({ ticketId, created, threaded }, { status: created ? 201 : 200 });
  });
}

// Reading a body up to the platform's limit, sniffing and storing it; Vercel reads this.
export const maxDuration = 60;
