"use client";

import Form from "next/form";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { Button } from "./button";
import { Select } from "./field";

/**
 * A GET form that filters a list without a full reload: a choice in a select applies at once; typed values apply on
 * Enter or with the form's button.
 */
export function FilterForm({ action, label, children }: { action: string; label: string; children: ReactNode }) {
  // Typed values are uncontrolled; a new query (Clear, a pill, the back button) remounts the form so they follow it.
  const query = useSearchParams().toString();
  return (
    <Form
      key={query}
      action={action}
      aria-label={label}
      className="mb-3 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-2.5 text-sm"
      onChange={(event) => {
        if (event.target instanceof HTMLSelectElement) event.currentTarget.requestSubmit();
      }}
    >
      {children}
    </Form>
  );
}

/** One labelled select; `any` first, as an empty choice, where the filter may be left open. */
export function FilterChoice({
  name,
  label,
  value,
  width,
  labels,
  any,
}: {
  name: string;
  label: string;
  value: string;
  width: string;
  labels: Record<string, string>;
  any?: string;
}) {
  const id = `filter-${name}`;
  return (
    <div className={`space-y-1 ${width}`}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <Select id={id} name={name} defaultValue={value}>
        {any === undefined ? null : <option value="">{any}</option>}
        {Object.entries(labels).map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** The form's own ending: apply what was typed, or clear every filter by going back to the bare list. */
export function FilterActions({ clearHref }: { clearHref: string }) {
  return (
    <>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      <Link href={clearHref} className="self-center text-xs text-slate-600 underline underline-offset-4">
        Clear
      </Link>
    </>
  );
}
