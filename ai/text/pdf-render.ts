import { IntakeError } from "@/intake/errors";
import { resolveLimits, type IntakeLimits } from "@/intake/limits";

import { withOpenPdf } from "./pdf-open";
import { renderPage } from "./pdfjs-node";
import { withTimeout } from "@/lib/timeout";

export type RenderPageOptions = {
  /** Pixels across the rendered page: sharp on a high-density screen at the width the viewer shows it. */
  width?: number;
  timeoutMs?: number;
  limits?: Partial<Pick<IntakeLimits, "maxPdfPages" | "maxImagePixels" | "maxPdfInflatedBytes" | "maxPdfTextRuns">>;
};

/** A PNG of the page, or none when the PDF has no such page; `pages` says how many it has. */
export type RenderedPage = { png: Uint8Array | null; pages: number };

const defaultWidth = 1600;
/** Whatever the page's shape, the image stays near 4000 × 4000 pixels. */
const maxRenderPixels = 16_000_000;

/** Renders one page of a PDF for a person to look at, under the same budgets as reading its text. */
export async function renderPdfPage(
  bytes: Uint8Array,
  pageNumber: number,
  options: RenderPageOptions = {},
): Promise<RenderedPage> {
  const limits = resolveLimits(options.limits);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const onOpenError = (error: unknown): never => {
    throw new IntakeError("unreadable", "The PDF is damaged and cannot be opened.", { reason: String(error) });
  };
  return withOpenPdf(bytes, { limits, timeoutMs, onOpenError }, async (pdf) => {
    if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > pdf.numPages)
      return { png: null, pages: pdf.numPages };
    const page = await pdf.getPage(pageNumber);
    const { width, height } = page.getViewport({ scale: 1 });
    page.cleanup();
    const scale = Math.min((options.width ?? defaultWidth) / width, Math.sqrt(maxRenderPixels / (width * height)));
    const png = await withTimeout(
      `Rendering page ${pageNumber} of the PDF`,
      timeoutMs,
      renderPage(pdf, pageNumber, scale),
    );
    return { png, pages: pdf.numPages };
  });
}
