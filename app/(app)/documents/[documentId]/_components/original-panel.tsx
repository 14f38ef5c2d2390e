import type { ExtractedText } from "@/domain/documents/types";

/** The original as received: a PDF or a scan shown as it is, anything else as its extracted text. */
export function OriginalPanel({
  document,
  text,
}: {
  document: { id: string; kind: string; filename: string };
  text: ExtractedText | undefined;
}) {
  const original = `/api/documents/${document.id}/original`;
  return (
    <section aria-label="Original" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 font-semibold">Original</h2>
      {document.kind === "pdf" ? (
        <iframe title="Original PDF" src={original} className="h-[70vh] w-full rounded border border-slate-200" />
      ) : document.kind === "png" || document.kind === "jpeg" ? (
        // eslint-disable-next-line @next/next/no-img-element -- a private, authenticated original, not an optimisable asset
        <img src={original} alt={`Scan of ${document.filename}`} className="max-h-[70vh] w-full object-contain" />
      ) : text ? (
        <pre className="max-h-[70vh] overflow-auto text-xs whitespace-pre-wrap">
          {text.pages.map((p) => p.text).join("\n\n")}
        </pre>
      ) : (
        <p className="text-sm text-slate-500">The text appears here once it is extracted.</p>
      )}
    </section>
  );
}
