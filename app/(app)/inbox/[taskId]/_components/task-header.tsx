import Link from "next/link";
import { PageHeader } from "@/components/shell/app-shell";
import { BackLink } from "@/components/shell/back-link";
import { HandlingTimer } from "@/components/tasks/handling-timer";
import { Badge } from "@/components/ui/badge";
import type { Task } from "@/db/schema";
import { taskTypeLabels } from "@/domain/task-types";
import { taskStatusLabels } from "@/domain/tasks/lifecycle";
import { formatUtc } from "@/lib/format";

/** The top of a task's page: back to the inbox, the handling timer, the title, the way to its subject, its status. */
export function TaskHeader({
  task,
  subject,
}: {
  task: Pick<Task, "id" | "status" | "title" | "type" | "deadlineAt">;
  /** The page of what the task decides: its document, or its ticket. */
  subject: { href: string; label: string };
}) {
  return (
    <>
      <BackLink href="/inbox" label="Inbox" />
      <HandlingTimer taskId={task.id} open={task.status === "open"} />
      <PageHeader
        title={task.title}
        description={`${taskTypeLabels[task.type]} · due ${formatUtc(task.deadlineAt)}`}
        actions={
          <>
            <Link href={subject.href} className="text-sm font-medium underline underline-offset-4">
              {subject.label}
            </Link>
            <Badge tone={task.status === "open" ? "warning" : "neutral"}>{taskStatusLabels[task.status]}</Badge>
          </>
        }
      />
    </>
  );
}

/** Whom an admin may hand a task to: its role's people and admins; null for everyone else, who may not. */
export function assignCandidates(
  users: readonly { id: string; name: string; role: string }[] | undefined,
  task: { assignedRole: string },
): { id: string; name: string }[] | null {
  return (
    users?.filter((u) => u.role === task.assignedRole || u.role === "admin").map((u) => ({ id: u.id, name: u.name })) ??
    null
  );
}
