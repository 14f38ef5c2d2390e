"use client";

import { confidenceBand } from "@/components/documents/confidence";
import { PageViewer } from "@/components/documents/page-viewer/page-viewer";
import { ViewTabs } from "@/components/documents/page-viewer/view-tabs";
import { cn } from "@/lib/cn";
import { markTones, type PageView } from "./field-view";
import type { PageViewData } from "@/app/(app)/documents/_components/page-view";

/**
 * The document beside the fields: its pages with each field's evidence boxed, and its text with the same evidence
 * marked. Pointing at a box or mark lights up its field; clicking one hands the field the focus.
 */
export function EvidencePanel({
  pages,
  source,
  labels,
  confidences,
  active,
  onPoint,
  viewer = null,
}: {
  pages: PageView[];
  source: string;
  labels: Record<string, string>;
  confidences: Record<string, number>;
  active: string | null;
  onPoint: (field: string | null) => void;
  /** The pages as images; null for a document that has none (email, CSV, spreadsheet, text). */
  viewer?: PageViewData | null;
}) {
  const pick = (field: string) => {
    // A header field's input is `field-<name>`; a line's grid row starts with its description, `line-<n>-description`.
    const input = document.getElementById(`field-${field}`) ?? document.getElementById(`${field}-description`);
    if (input) input.focus();
    else onPoint(field);
  };
  const text = (
    <TextView pages={pages} labels={labels} confidences={confidences} active={active} onPoint={onPoint} onPick={pick} />
  );
  return (
    <section aria-label="Document" className="min-w-0 rounded-lg border border-slate-200 bg-white">
      {viewer ? (
        <ViewTabs
          label="Document view"
          heading={
            <h2 className="text-sm font-semibold">
              Document <span className="font-normal text-slate-500">· {source}</span>
            </h2>
          }
          tabs={[
            {
              id: "page",
              label: "Page",
              content: <PageViewer {...viewer} active={active} onPoint={onPoint} onPick={pick} />,
            },
            { id: "text", label: "Text", content: text },
          ]}
        />
      ) : (
        <>
          <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold">
            Document <span className="font-normal text-slate-500">· {source}</span>
          </h2>
          {text}
        </>
      )}
    </section>
  );
}

function TextView({
  pages,
  labels,
  confidences,
  active,
  onPoint,
  onPick,
}: {
  pages: PageView[];
  labels: Record<string, string>;
  confidences: Record<string, number>;
  active: string | null;
  onPoint: (field: string | null) => void;
  onPick: (field: string) => void;
}) {
  if (pages.length === 0)
    return (
      <p className="p-4 text-sm text-slate-600">
        No text was read from this document; open the original to check the fields.
      </p>
    );
  return (
    <div className="max-h-[70vh] overflow-auto p-4">
      {pages.map((page) => (
        <div key={page.page} className="mb-4">
          {pages.length > 1 ? <p className="mb-1 text-xs font-medium text-slate-500">Page {page.page}</p> : null}
          <pre className="font-mono text-xs leading-5 break-words whitespace-pre-wrap text-slate-800">
            {page.segments.map((segment, i) =>
              segment.mark ? (
                <mark
                  key={i}
                  id={`evidence-${segment.mark}`}
                  data-field={segment.mark}
                  title={labels[segment.mark]}
                  onMouseEnter={() => onPoint(segment.mark)}
                  onClick={() => onPick(segment.mark ?? "")}
                  className={cn(
                    "cursor-pointer rounded-sm px-0.5",
                    markTones[confidenceBand(confidences[segment.mark] ?? 0)],
                    active === segment.mark && "outline-2 outline-offset-1 outline-slate-900",
                  )}
                >
                  {segment.text}
                </mark>
              ) : (
                <span key={i}>{segment.text}</span>
              ),
            )}
          </pre>
        </div>
      ))}
    </div>
  );
}
