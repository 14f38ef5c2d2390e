"use client";

import Form from "next/form";
import type { ReactNode } from "react";

/**
 * A GET form that filters a list without a full reload: a choice in a select applies at once; typed values apply on
 * Enter or with the form's button.
 */
export function FilterForm({ action, label, children }: { action: string; label: string; children: ReactNode }) {
  return (
    <Form
      action={action}
      aria-label={label}
      className="mb-3 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-2.5 text-sm"
      onChange={(event) => {
        if (event.target instanceof HTMLSelectElement) event.currentTarget.requestSubmit();
      }}
    >
      {children}
    </Form>
  );
}
