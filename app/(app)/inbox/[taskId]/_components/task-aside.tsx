import Link from "next/link";
import type { InboxItem } from "@/db/queries/tasks";
import type { RateBook } from "@/domain/fx";
import type { PolicyUser } from "@/domain/tasks/policy";
import { AssignControls } from "./assign-controls";
import { RateUsed } from "./rate-used";

type Person = { id: string; name: string };

/** Beside the briefing: the rate a spend is judged at, who holds the task, four eyes, and the way to the document. */
export function TaskAside({
  task,
  user,
  rates,
  holder,
  candidates,
  required,
  approvedSoFar,
}: {
  task: InboxItem;
  user: PolicyUser & { id: string };
  rates: RateBook;
  holder: Person | null;
  /** Whom an admin may assign it to; null when assigning is not offered. */
  candidates: Person[] | null;
  /** How many different approvers this amount needs. */
  required: number;
  approvedSoFar: number;
}) {
  return (
    <div className="space-y-4 self-start">
      <RateUsed task={task} user={user} rates={rates} />
      <AssignControls
        taskId={task.id}
        meId={user.id}
        holder={holder}
        candidates={task.status === "open" ? candidates : null}
      />
      {required > 1 ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          Four eyes: {required} different approvers must approve this amount. Approved so far: {approvedSoFar}.
        </p>
      ) : null}
      <p className="text-sm">
        <Link href={`/documents/${task.documentId}`} className="font-medium underline underline-offset-4">
          {task.filename}
        </Link>
        : timeline and steps ·{" "}
        <a
          href={`/api/documents/${task.documentId}/original`}
          target="_blank"
          rel="noreferrer"
          className="underline underline-offset-4"
        >
          original
        </a>
      </p>
    </div>
  );
}
