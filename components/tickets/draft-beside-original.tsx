import type { ReactNode } from "react";

function Pane({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="min-w-0 rounded-md border border-slate-200 bg-white p-3">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h3>
      {children}
    </section>
  );
}

const body = "text-sm break-words whitespace-pre-wrap text-slate-800";

/**
 * The customer's message and the reply drafted for it, side by side from 1024 px and one above the other below, so
 * a reviewer reads the answer against the question. Both are plain text.
 */
export function DraftBesideOriginal({
  original,
  draft,
}: {
  original: { from: string; subject: string; bodyText: string };
  draft: string | null;
}) {
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <Pane title="Customer's message">
        <p className="mb-1 text-xs break-all text-slate-600">{original.from}</p>
        <p className="mb-2 text-sm font-medium break-words text-slate-900">{original.subject}</p>
        <p className={body}>{original.bodyText}</p>
      </Pane>
      <Pane title="Drafted reply">
        {draft === null ? (
          <p className="text-sm text-slate-600">No reply has been drafted yet.</p>
        ) : (
          <p className={body}>{draft}</p>
        )}
      </Pane>
    </div>
  );
}
