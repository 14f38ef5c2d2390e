import { Badge } from "@/components/ui/badge";
import { formatUtc } from "@/lib/format";

/** The decisions this document asked of people, open or done. */
export function DocumentTasks({ tasks }: { tasks: { id: string; status: string; title: string; deadlineAt: Date }[] }) {
  if (tasks.length === 0) return null;
  return (
    <section aria-label="Tasks" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 font-semibold">Tasks</h2>
      <ul className="space-y-2 text-sm">
        {tasks.map((task) => (
          <li key={task.id}>
            <Badge tone={task.status === "open" ? "warning" : "neutral"}>{task.status}</Badge> {task.title}
            <span className="text-slate-500"> · due {formatUtc(task.deadlineAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
