import type { EditMark } from "@/domain/tasks/edit-marks";
import { Confidence } from "./confidence";

/** A value a person typed: who and what it was, in a colour no confidence uses, so it never reads as a machine's. */
export function EditedBy({ mark }: { mark: EditMark }) {
  return (
    <span
      className="rounded bg-sky-50 px-1.5 py-0.5 text-xs font-medium text-sky-900"
      title={`Changed by ${mark.by}; it read ${mark.was} before`}
    >
      Edited by {mark.by} — was {mark.was}
    </span>
  );
}

/** A person's mark where there is one, else the machine's confidence. */
export function ValueSource({ mark, confidence }: { mark: EditMark | null | undefined; confidence: number }) {
  return mark ? <EditedBy mark={mark} /> : <Confidence value={confidence} />;
}
