"use client";

import { useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "@/lib/cn";

export type ViewTab = { id: string; label: string; content: ReactNode };

/** Ways of looking at one document (its pages, its text), one at a time; arrow keys move between them. */
export function ViewTabs({ label, tabs, heading }: { label: string; tabs: ViewTab[]; heading?: ReactNode }) {
  const [selected, setSelected] = useState(tabs[0]?.id ?? "");
  const base = useId();
  const shown = tabs.find((t) => t.id === selected) ?? tabs[0];
  const move = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    const at = tabs.findIndex((t) => t.id === selected);
    const next = tabs[(at + step + tabs.length) % tabs.length];
    if (!next) return;
    setSelected(next.id);
    document.getElementById(`${base}-tab-${next.id}`)?.focus();
  };
  return (
    <>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-4 py-2">
        {heading}
        <div role="tablist" aria-label={label} className="ml-auto flex gap-1">
          {tabs.map((t) => (
            <button
              key={t.id}
              id={`${base}-tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={t.id === shown?.id}
              aria-controls={`${base}-panel`}
              tabIndex={t.id === shown?.id ? 0 : -1}
              onClick={() => setSelected(t.id)}
              onKeyDown={move}
              className={cn(
                "rounded-md px-3 py-1 text-sm focus-visible:outline-2 focus-visible:outline-slate-900",
                t.id === shown?.id ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {t.label}
            </button>
          ))}
        </div>
      </div>
      <div id={`${base}-panel`} role="tabpanel" aria-labelledby={`${base}-tab-${shown?.id ?? ""}`}>
        {shown?.content}
      </div>
    </>
  );
}
