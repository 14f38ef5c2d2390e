import { z } from "zod";
import { AppError } from "@/lib/errors";
import { handleSessionRoute } from "@/lib/http";
import { authorize } from "@/services/auth/session";
import { pageEtag, readPageImage } from "@/services/documents/pages";

const pageSchema = z.coerce.number().int().min(1).max(10_000);

/**
 * One page of a document as an image, for the page viewer beside the fields. A document's bytes never change, so
 * a page is cached for good and a browser that has it is answered 304 without rendering anything.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ documentId: string; page: string }> },
): Promise<Response> {
  return handleSessionRoute(request, async () => {
    await authorize("documents:view");
    const { documentId, page: pageParam } = await params;
    const page = pageSchema.safeParse(pageParam);
    if (!page.success) throw new AppError("not_found:page", "Pages are numbered from 1.");
    const cache = { "cache-control": "private, max-age=31536000, immutable" };
    if (request.headers.get("if-none-match") === pageEtag(documentId, page.data)) {
      return new Response(null, { status: 304, headers: { etag: pageEtag(documentId, page.data), ...cache } });
    }
    const image = await readPageImage(documentId, page.data);
    return new Response(new Uint8Array(image.bytes), {
      headers: {
        "content-type": image.mediaType,
        etag: image.etag,
        ...cache,
        "x-content-type-options": "nosniff",
        "content-security-policy": "sandbox; default-src 'none'; frame-ancestors 'self'",
      },
    });
  });
}

// Rendering a page of a scanned PDF in the sandbox can take tens of seconds; Vercel reads this.
export const maxDuration = 60;
