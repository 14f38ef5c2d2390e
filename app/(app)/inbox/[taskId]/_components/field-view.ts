import type { ConfidenceBand } from "@/components/documents/confidence";
import type { EditMark } from "@/domain/tasks/edit-marks";
import type { LineColumn, LineEdit } from "@/domain/tasks/line-edits";
import type { Segment } from "@/lib/highlight";

export type Permission = { allowed: true } | { allowed: false; reason: string };

export type FieldView = {
  name: string;
  label: string;
  kind: "class" | "money" | "date" | "currency" | "text";
  value: string;
  /** Shown beside the value, e.g. "USD" for an amount. */
  suffix: string | null;
  confidence: number;
  evidencePage: number | null;
  /** Unsure, named by a finding, or required and empty: where `n` goes next. */
  needsPerson: boolean;
  /** Set when a person typed this value: shown instead of the machine's confidence. */
  edited?: EditMark | null;
};

/** A line item as the grid shows it: its cells as typed, its lowest confidence and where it was read. */
export type LineView = {
  name: string;
  label: string;
  edit: LineEdit;
  confidence: number;
  evidencePage: number | null;
  needsPerson: boolean;
  /** The cells a person typed, by column. */
  edited?: Partial<Record<LineColumn, EditMark>>;
};

export type PageView = { page: number; segments: Segment[] };

/** The evidence in the text and the field that holds it share one colour per confidence band. */
export const markTones: Record<ConfidenceBand, string> = {
  low: "bg-red-100 text-red-950",
  medium: "bg-amber-100 text-amber-950",
  high: "bg-emerald-100 text-emerald-950",
};

export const inputTones: Record<ConfidenceBand, string> = {
  low: "border-l-4 border-l-red-500",
  medium: "border-l-4 border-l-amber-400",
  high: "border-l-4 border-l-emerald-500",
};
