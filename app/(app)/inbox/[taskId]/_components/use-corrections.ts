"use client";

import { useState } from "react";
import { blankLine, countLineEdits, type LineColumn, type LineEdit } from "@/domain/tasks/line-edits";
import type { FieldView, LineView } from "./field-view";

/**
 * The values and lines being corrected, the header fields that differ from what was read (surrounding spaces
 * aside), and the grid whole once any line changed: lines are decided as a list, not cell by cell.
 */
export function useCorrections(fields: FieldView[], read: LineView[] = []) {
  const initial = Object.fromEntries(fields.map((f) => [f.name, f.value]));
  const initialLines = read.map((l) => l.edit);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [lines, setLines] = useState<LineEdit[]>(initialLines);
  const edits = Object.fromEntries(
    Object.entries(values).filter(([name, value]) => value.trim() !== (initial[name] ?? "").trim()),
  );
  const lineEdits = countLineEdits(initialLines, lines);
  const count = Object.keys(edits).length + lineEdits;
  return {
    values,
    edits,
    lines,
    /** The grid to send with the decision, only when a line changed. */
    changedLines: lineEdits > 0 ? lines : undefined,
    count,
    edited: count > 0,
    change: (name: string, value: string) => setValues({ ...values, [name]: value }),
    changeLine: (index: number, column: LineColumn, value: string) =>
      setLines(lines.map((line, i) => (i === index ? { ...line, [column]: value } : line))),
    addLine: () => setLines([...lines, blankLine]),
    removeLine: (index: number) => setLines(lines.filter((_, i) => i !== index)),
    undo: () => {
      setValues(initial);
      setLines(initialLines);
    },
  };
}
