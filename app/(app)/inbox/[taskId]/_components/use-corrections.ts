"use client";

import { useState } from "react";
import type { FieldView } from "./field-view";

/** The values being corrected and those that differ from what was read (surrounding spaces aside). */
export function useCorrections(fields: FieldView[]) {
  const initial = Object.fromEntries(fields.map((f) => [f.name, f.value]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const edits = Object.fromEntries(
    Object.entries(values).filter(([name, value]) => value.trim() !== (initial[name] ?? "").trim()),
  );
  return {
    values,
    edits,
    edited: Object.keys(edits).length > 0,
    change: (name: string, value: string) => setValues({ ...values, [name]: value }),
    undo: () => setValues(initial),
  };
}
