import { AppError } from "@/lib/errors";
import { authorize } from "@/services/auth/session";
import { handleSessionRoute } from "@/lib/http";
import { readOriginal } from "@/services/documents/read";

const inlineTypes = new Set(["application/pdf", "image/png", "image/jpeg"]);

/** The original file, for the document page's viewer and for download. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ documentId: string }> },
): Promise<Response> {
  return handleSessionRoute(request, async () => {
    await authorize("documents:view");
    const { documentId } = await params;
    const original = await readOriginal(documentId);
    if (!original) throw new AppError("not_found:document");
    const { document, bytes } = original;
    const download = new URL(request.url).searchParams.has("download");
    // Anything else is shown as plain text: an uploaded HTML or SVG must never run in Keel's origin.
    const type = inlineTypes.has(document.mediaType) ? document.mediaType : "text/plain; charset=utf-8";
    const headers: Record<string, string> = {
      "content-type": type,
      "content-disposition": `${download ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=3600",
    };
    // Chrome will not show a PDF in a sandboxed frame; everything else gets the sandbox.
    // Only Keel's own document page may frame it.
    headers["content-security-policy"] =
      type === "application/pdf"
        ? "frame-ancestors 'self'"
        : "sandbox; default-src 'none'; img-src 'self' data:; frame-ancestors 'self'";
    return new Response(new Uint8Array(bytes), { headers });
  });
}

// Reading an original of up to KEEL_BUCKET_UPLOAD_MAX_MB back from the store; Vercel reads this.
export const maxDuration = 60;
