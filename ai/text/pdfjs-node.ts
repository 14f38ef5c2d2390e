import { getDocumentProxy, renderPageAsImage } from "unpdf";

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

export function openPdf(bytes: Uint8Array, maxImagePixels: number): Promise<PdfDocument> {
  // pdfjs takes ownership of (and may detach) the buffer it is given, and the caller still needs its bytes.
  return getDocumentProxy(new Uint8Array(bytes), { maxImageSize: maxImagePixels, isEvalSupported: false, stopAtErrors: false });
}

/** A PNG of one page; `scale` 1 is 72 dpi. */
export async function renderPage(pdf: PdfDocument, pageNumber: number, scale: number): Promise<Uint8Array> {
  return new Uint8Array(await renderPageAsImage(pdf, pageNumber, { canvasImport: () => import("@napi-rs/canvas"), scale }));
}
