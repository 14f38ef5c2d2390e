import { DocumentPages } from "@/components/documents/page-viewer/document-pages";
import type { DocumentKind } from "@/domain/documents/kinds";
import type { ExtractedText, Extraction } from "@/domain/documents/types";
import { pageView } from "../../_components/page-view";

/**
 * The original as received: a PDF's pages or a scan as images with each field's evidence boxed, and the text read
 * from it on a tab of its own; an email, CSV, spreadsheet or text file as its text.
 */
export function OriginalPanel({
  document,
  text,
  extraction,
}: {
  document: { id: string; kind: DocumentKind; filename: string };
  text: ExtractedText | undefined;
  extraction?: Extraction | undefined;
}) {
  const original = `/api/documents/${document.id}/original`;
  const view = pageView(document, extraction, text);
  const heading = (
    <h2 className="font-semibold">
      Original{" "}
      <a href={`${original}?download`} className="text-sm font-normal text-slate-600 underline underline-offset-2">
        Download
      </a>
    </h2>
  );
  const textView = text ? (
    <pre className="max-h-[70vh] overflow-auto p-4 text-xs whitespace-pre-wrap">
      {text.pages.map((p) => p.text).join("\n\n")}
    </pre>
  ) : (
    <p className="p-4 text-sm text-slate-500">The text appears here once it is extracted.</p>
  );
  return (
    <section aria-label="Original" className="min-w-0 rounded-lg border border-slate-200 bg-white">
      {view ? (
        <DocumentPages
          documentId={view.documentId}
          filename={view.filename}
          pages={view.pages}
          boxes={view.boxes}
          text={textView}
          heading={heading}
        />
      ) : (
        <>
          <div className="border-b border-slate-100 px-4 py-2">{heading}</div>
          {textView}
        </>
      )}
    </section>
  );
}
