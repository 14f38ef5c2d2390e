import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { taskTypeLabels, type TaskType } from "@/domain/task-types";
import { taskStatusLabels, type TaskStatus } from "@/domain/tasks/lifecycle";
import { formatUtc } from "@/lib/format";

/** The decisions this document asked of people, open or done, each linking to its task. */
export function DocumentTasks({
  tasks,
}: {
  tasks: { id: string; type: TaskType; status: TaskStatus; title: string; deadlineAt: Date }[];
}) {
  if (tasks.length === 0) return null;
  return (
    <section aria-label="Tasks" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 font-semibold">Tasks</h2>
      <ul className="space-y-2 text-sm">
        {tasks.map((task) => (
          <li key={task.id}>
            <Badge tone={task.status === "open" ? "warning" : "neutral"}>{taskStatusLabels[task.status]}</Badge>{" "}
            <Link href={`/inbox/${task.id}`} className="font-medium underline underline-offset-4">
              {task.title}
            </Link>
            <span className="text-slate-500">
              {" "}
              · {taskTypeLabels[task.type]} · due {formatUtc(task.deadlineAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
