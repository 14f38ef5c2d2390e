import { renderPdfPageIsolated, sandboxSettings } from "@/ai/sandbox";
import { readOriginal } from "@/services/documents/read";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";

export type PageImage = { bytes: Uint8Array; mediaType: "image/png" | "image/jpeg"; etag: string };

/**
 * Bumped when pages render differently (size, library), so browsers holding the old images fetch new ones; a
 * document's bytes never change, so nothing else can make a stored image stale.
 */
const renderVersion = "r1";

/** The validator a page's image is cached under: the same document and page always give the same image. */
export function pageEtag(documentId: string, page: number): string {
  return `"${documentId}-${String(page)}-${renderVersion}"`;
}

/** Rendering costs a sandbox round trip; the pages people just looked at are kept, a few at a time. */
const recent = new Map<string, PageImage>();
const recentLimit = 24;

function remember(key: string, image: PageImage): PageImage {
  recent.delete(key);
  recent.set(key, image);
  for (const oldest of recent.keys()) {
    if (recent.size <= recentLimit) break;
    recent.delete(oldest);
  }
  return image;
}

/**
 * Page `page` of a document as a person sees it: a PDF page rendered in the sandbox, a scan as uploaded. A missing
 * document or page is `not_found`; a kind without pages (email, CSV, spreadsheet, text) says where its text is.
 */
export async function readPageImage(documentId: string, page: number): Promise<PageImage> {
  const key = `${documentId}:${String(page)}`;
  const cached = recent.get(key);
  if (cached) return remember(key, cached);
  const original = await readOriginal(documentId);
  if (!original) throw new AppError("not_found:document");
  const { document, bytes } = original;
  const etag = pageEtag(documentId, page);
  if (document.kind === "png" || document.kind === "jpeg") {
    if (page !== 1) throw noSuchPage(page, 1);
    return remember(key, { bytes: new Uint8Array(bytes), mediaType: `image/${document.kind}`, etag });
  }
  if (document.kind !== "pdf")
    throw new AppError(
      "not_found:page",
      `This document is ${document.kind.toUpperCase()}, which has no pages to show; its text is on the Text tab.`,
    );
  const rendered = await renderPdfPageIsolated(new Uint8Array(bytes), page, sandboxSettings(env()));
  if (!rendered.png) throw noSuchPage(page, rendered.pages);
  return remember(key, { bytes: rendered.png, mediaType: "image/png", etag });
}

function noSuchPage(page: number, pages: number): AppError {
  return new AppError(
    "not_found:page",
    `This document has ${String(pages)} page${pages === 1 ? "" : "s"}; there is no page ${String(page)}.`,
  );
}
