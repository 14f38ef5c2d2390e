import { createIsomorphicCanvasFactory, getResolvedPDFJS, renderPageAsImage, type getDocumentProxy } from "unpdf";

import { withTimeout } from "@/lib/timeout";

import { grayPgm } from "./pgm";

// pdfjs 5 calls ArrayBuffer#transferToFixedLength (Node 21+) when it compiles fonts for rendering; on Node 20 the
// page renders blank without it. A copy is enough: pdfjs never touches the old buffer again.
if (!("transferToFixedLength" in ArrayBuffer.prototype)) {
  Object.defineProperty(ArrayBuffer.prototype, "transferToFixedLength", {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length?: number): ArrayBuffer {
      const size = length ?? this.byteLength;
      const copy = new ArrayBuffer(size);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(size, this.byteLength)));
      return copy;
    },
  });
}

export type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;
export type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

/** Loads pdf.js now (a reader waiting for work), so the first PDF someone waits on does not pay for the import. */
export async function preloadPdfjs(): Promise<void> {
  await getResolvedPDFJS();
}

/** Opens a PDF; on timeout the loading task is destroyed so a stuck parse does not keep its memory. */
export async function openPdf(
  bytes: Uint8Array,
  options: { maxImagePixels: number; timeoutMs: number },
): Promise<PdfDocument> {
  const { getDocument } = await getResolvedPDFJS();
  const task = getDocument({
    // pdfjs takes ownership of (and may detach) the buffer it is given, and the caller still needs its bytes.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: true,
    maxImageSize: options.maxImagePixels,
    stopAtErrors: false,
    // Errors only: warnings about recoverable damage would otherwise go to the console for every such file.
    verbosity: 0,
  });
  return withTimeout("Opening the PDF", options.timeoutMs, task.promise, () => task.destroy());
}

/** A PNG of one page; `scale` 1 is 72 dpi. */
export async function renderPage(pdf: PdfDocument, pageNumber: number, scale: number): Promise<Uint8Array> {
  const png = new Uint8Array(await renderPageAsImage(pdf, pageNumber, { canvasImport: canvasTakingNul, scale }));
  // The document may stay open for the next job (`pdf-open.ts`): the page's decoded images are let go now.
  (await pdf.getPage(pageNumber)).cleanup();
  return png;
}

/** One page as grey pixels for OCR (a PGM, see `pgm.ts`); `scale` 1 is 72 dpi. */
export async function renderPageForOcr(pdf: PdfDocument, pageNumber: number, scale: number): Promise<Uint8Array> {
  // pdfjs draws inline images on canvases of its own, from the module unpdf is given here.
  await createIsomorphicCanvasFactory(canvasTakingNul);
  const { createCanvas } = await canvasTakingNul();
  const page = await pdf.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
    const context = canvas.getContext("2d");
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
    }).promise;
    return grayPgm(canvas);
  } finally {
    page.cleanup();
  }
}

type TextMethod = (text: string, ...rest: unknown[]) => unknown;

/**
 * @napi-rs/canvas throws on a NUL in drawn text ("Convert String to CString failed"), and pdfjs draws a glyph the
 * font leaves unnamed as U+0000: a real PDF must render for OCR all the same, and a NUL draws nothing anyway.
 */
async function canvasTakingNul(): Promise<typeof import("@napi-rs/canvas")> {
  const canvas = await import("@napi-rs/canvas");
  const context = Object.getPrototypeOf(canvas.createCanvas(1, 1).getContext("2d")) as Record<
    string,
    TextMethod | boolean | undefined
  >;
  if (context.keelTakesNul) return canvas;
  for (const name of ["fillText", "strokeText", "measureText"]) {
    const original = context[name];
    if (typeof original !== "function") continue;
    context[name] = function (this: unknown, text: string, ...rest: unknown[]) {
      return original.call(this, typeof text === "string" ? text.replaceAll("\u0000", "") : text, ...rest);
    };
  }
  context.keelTakesNul = true;
  return canvas;
}
