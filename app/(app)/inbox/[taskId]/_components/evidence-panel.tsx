"use client";

import { confidenceBand } from "@/components/documents/confidence";
import { cn } from "@/lib/cn";
import { markTones, type PageView } from "./field-view";

/** The document's text with each field's evidence marked; pointing at a mark lights up its field, clicking focuses it. */
export function EvidencePanel({
  pages,
  source,
  labels,
  confidences,
  active,
  onPoint,
}: {
  pages: PageView[];
  source: string;
  labels: Record<string, string>;
  confidences: Record<string, number>;
  active: string | null;
  onPoint: (field: string | null) => void;
}) {
  return (
    <section aria-label="Document" className="min-w-0 rounded-lg border border-slate-200 bg-white">
      <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold">
        Document <span className="font-normal text-slate-500">· {source}</span>
      </h2>
      {pages.length === 0 ? (
        <p className="p-4 text-sm text-slate-600">
          No text was read from this document; open the original to check the fields.
        </p>
      ) : (
        <div className="max-h-[70vh] overflow-auto p-4">
          {pages.map((page) => (
            <div key={page.page} className="mb-4">
              {pages.length > 1 ? <p className="mb-1 text-xs font-medium text-slate-500">Page {page.page}</p> : null}
              <pre className="whitespace-pre-wrap break-words font-mono text-xs leading-5 text-slate-800">
                {page.segments.map((segment, i) =>
                  segment.mark ? (
                    <mark
                      key={i}
                      id={`evidence-${segment.mark}`}
                      data-field={segment.mark}
                      title={labels[segment.mark]}
                      onMouseEnter={() => onPoint(segment.mark)}
                      onClick={() => document.getElementById(`field-${segment.mark ?? ""}`)?.focus()}
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
      )}
    </section>
  );
}
