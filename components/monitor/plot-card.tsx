import type { ReactNode } from "react";

/**
 * One plot of the Monitor as a section: its heading, what it counts, then the picture and its numbers, or, when the
 * period has nothing to plot, a sentence saying so instead of empty axes.
 */
export function PlotCard({
  id,
  title,
  description,
  empty,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  /** Said instead of the plot when there is nothing to show; null when there is. */
  empty: string | null;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {empty === null ? children : <p className="text-sm text-slate-600">{empty}</p>}
    </section>
  );
}
