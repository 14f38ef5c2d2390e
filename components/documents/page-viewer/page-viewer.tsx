"use client";

import { useEffect, useRef, useState } from "react";
import { confidenceBand, type ConfidenceBand } from "@/components/documents/confidence";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { ViewerBox, ViewerPage } from "./viewer-data";

const zoomSteps = [50, 75, 100, 125, 150, 200, 300];

const boxTones: Record<ConfidenceBand, string> = {
  low: "border-red-500 bg-red-400/15",
  medium: "border-amber-500 bg-amber-300/20",
  high: "border-emerald-600 bg-emerald-400/15",
};

/**
 * The document's pages as images with each field's evidence boxed on them: zoom, turn, jump between pages.
 * Pointing at a box lights up its field and clicking it hands the field the focus; when a field becomes active its
 * box is scrolled into view.
 */
export function PageViewer({
  documentId,
  filename,
  pages,
  boxes,
  active,
  onPoint,
  onPick,
}: {
  documentId: string;
  filename: string;
  pages: ViewerPage[];
  boxes: ViewerBox[];
  active: string | null;
  onPoint: (field: string | null) => void;
  onPick: (field: string) => void;
}) {
  const [zoom, setZoom] = useState(100);
  const [turns, setTurns] = useState(0);
  const [current, setCurrent] = useState(pages[0]?.page ?? 1);
  const scroller = useRef<HTMLDivElement | null>(null);

  // Only the pages scroll: moving the whole window to a box would pull the field being worked on out of sight.
  useEffect(() => {
    const pane = scroller.current;
    const box = active ? pane?.querySelector(`[data-evidence-box="${CSS.escape(active)}"]`) : null;
    if (!pane || !box) return;
    const seen = pane.getBoundingClientRect();
    const at = box.getBoundingClientRect();
    const outside = at.top < seen.top || at.bottom > seen.bottom || at.left < seen.left || at.right > seen.right;
    if (!outside) return;
    pane.scrollBy({
      top: at.top - seen.top - seen.height / 3,
      left: at.left - seen.left - seen.width / 3,
      behavior: "smooth",
    });
  }, [active]);

  const showPage = (page: number) => {
    setCurrent(page);
    scroller.current?.querySelector(`[data-page="${String(page)}"]`)?.scrollIntoView({ block: "start" });
  };
  const zoomBy = (step: number) => {
    const at = zoomSteps.indexOf(zoom) + step;
    setZoom(zoomSteps[Math.min(zoomSteps.length - 1, Math.max(0, at))] ?? zoom);
  };
  const firstBox = new Set<string>();

  return (
    <div className="flex min-w-0 flex-col">
      <div role="toolbar" aria-label="Page view" className="flex flex-wrap items-center gap-2 border-b px-3 py-2">
        <Button
          size="sm"
          variant="secondary"
          aria-label="Zoom out"
          disabled={zoom === zoomSteps[0]}
          onClick={() => zoomBy(-1)}
        >
          −
        </Button>
        <output aria-label="Zoom" className="w-12 text-center text-xs tabular-nums text-slate-600">
          {zoom}%
        </output>
        <Button
          size="sm"
          variant="secondary"
          aria-label="Zoom in"
          disabled={zoom === zoomSteps[zoomSteps.length - 1]}
          onClick={() => zoomBy(1)}
        >
          +
        </Button>
        <Button size="sm" variant="secondary" onClick={() => setTurns((t) => (t + 1) % 4)}>
          Rotate
        </Button>
        {pages.length > 1 ? (
          <span className="ml-auto text-xs text-slate-600">
            Page {current} of {pages.length}
          </span>
        ) : null}
      </div>
      <div className="flex min-h-0">
        {pages.length > 1 ? (
          <nav aria-label="Pages" className="hidden max-h-[75vh] w-20 shrink-0 overflow-y-auto border-r p-2 sm:block">
            <ol className="space-y-2">
              {pages.map((p) => (
                <li key={p.page}>
                  <button
                    type="button"
                    aria-label={`Page ${String(p.page)}`}
                    aria-current={p.page === current ? "page" : undefined}
                    onClick={() => showPage(p.page)}
                    className={cn(
                      "block w-full rounded border bg-white p-0.5 focus-visible:outline-2 focus-visible:outline-slate-900",
                      p.page === current ? "border-slate-900" : "border-slate-200",
                    )}
                  >
                    {/* eslint-disable-next-line @next/next/no-img-element -- a private, authenticated page image */}
                    <img
                      src={pageSource(documentId, p.page)}
                      alt=""
                      loading="lazy"
                      className="w-full"
                      style={{ aspectRatio: `${String(p.width)} / ${String(p.height)}` }}
                    />
                    <span className="block text-center text-[10px] text-slate-500">{p.page}</span>
                  </button>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <div ref={scroller} className="max-h-[75vh] min-w-0 flex-1 overflow-auto bg-slate-100 p-3">
          {pages.map((p) => {
            const turned = turns % 2 === 1;
            const onPage = boxes.filter((b) => b.page === p.page);
            return (
              <figure
                key={p.page}
                data-page={p.page}
                className="relative mx-auto mb-3 bg-white shadow-sm"
                style={{
                  width: `${String(zoom)}%`,
                  aspectRatio: turned
                    ? `${String(p.height)} / ${String(p.width)}`
                    : `${String(p.width)} / ${String(p.height)}`,
                }}
              >
                <div
                  className="absolute top-1/2 left-1/2"
                  style={{
                    width: turned ? `${String((p.width / p.height) * 100)}%` : "100%",
                    height: turned ? `${String((p.height / p.width) * 100)}%` : "100%",
                    transform: `translate(-50%, -50%) rotate(${String(turns * 90)}deg)`,
                  }}
                >
                  {/* eslint-disable-next-line @next/next/no-img-element -- a private, authenticated page image */}
                  <img
                    src={pageSource(documentId, p.page)}
                    alt={`Page ${String(p.page)} of ${filename}`}
                    loading={p.page <= 2 ? "eager" : "lazy"}
                    className="absolute inset-0 h-full w-full select-none"
                    draggable={false}
                  />
                  {onPage.map((b, i) => {
                    const first = !firstBox.has(b.field);
                    firstBox.add(b.field);
                    return (
                      <button
                        key={`${b.field}-${String(i)}`}
                        type="button"
                        id={first ? `evidence-${b.field}` : undefined}
                        data-evidence-box={b.field}
                        // Each box repeats a field the keyboard already reaches, and focusing that field shows it.
                        tabIndex={-1}
                        aria-label={`${b.label}: go to the field`}
                        title={b.label}
                        onMouseEnter={() => onPoint(b.field)}
                        onClick={() => onPick(b.field)}
                        className={cn(
                          "absolute cursor-pointer rounded-[2px] border-2 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-slate-900",
                          active === b.field
                            ? "border-slate-900 bg-sky-300/30 ring-2 ring-sky-500"
                            : boxTones[confidenceBand(b.confidence)],
                        )}
                        style={{
                          left: `${String(b.box.x * 100)}%`,
                          top: `${String(b.box.y * 100)}%`,
                          // A box a few points tall must still be big enough to point at.
                          width: `max(${String(b.box.width * 100)}%, 6px)`,
                          height: `max(${String(b.box.height * 100)}%, 6px)`,
                        }}
                      />
                    );
                  })}
                </div>
                <figcaption className="sr-only">Page {p.page}</figcaption>
              </figure>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function pageSource(documentId: string, page: number): string {
  return `/api/documents/${documentId}/pages/${String(page)}`;
}
