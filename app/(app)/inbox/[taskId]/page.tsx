import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/app-shell";
import { Badge } from "@/components/ui/badge";
import { getLatestExtraction } from "@/db/queries/documents";
import { getInboxTask, isVisibleTo, listTaskApprovers } from "@/db/queries/tasks";
import { getUserById, listUsers } from "@/db/queries/users";
import { approvalsRequired, mayAct } from "@/domain/tasks/policy";
import { env } from "@/lib/env";
import { requirePermission } from "@/lib/auth/session";
import { AssignControls } from "./_components/assign-controls";
import { DecisionPanel } from "./_components/decision-panel";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Task" };

export default async function TaskPage({ params }: { params: Promise<{ taskId: string }> }) {
  const user = await requirePermission("inbox:view");
  const { taskId } = await params;
  const task = await getInboxTask(taskId);
  if (!task || !isVisibleTo(task, user)) notFound();
  const [extraction, holder, users, approvedBy] = await Promise.all([
    getLatestExtraction(task.documentId),
    task.assigneeId ? getUserById(task.assigneeId) : undefined,
    user.role === "admin" ? listUsers() : undefined,
    listTaskApprovers(task.id),
  ]);
  const required = approvalsRequired(task, env().KEEL_FOUR_EYES_FROM_MINOR);
  const candidates = users?.filter((u) => u.role === task.assignedRole || u.role === "admin").map((u) => ({ id: u.id, name: u.name })) ?? null;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/inbox" className="text-slate-600 underline-offset-4 hover:underline">
          ← Inbox
        </Link>
      </p>
      <PageHeader
        title={task.title}
        description={`${task.type} · due ${formatUtc(task.deadlineAt)}`}
        actions={<Badge tone={task.status === "open" ? "warning" : "neutral"}>{task.status}</Badge>}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <section aria-label="Why" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 className="mb-2 font-semibold">Why this needs you</h2>
            <ul className="list-disc space-y-1 pl-5">
              {task.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </section>
          {extraction?.findings?.length ? (
            <section aria-label="Findings" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h2 className="mb-2 font-semibold">Rule findings</h2>
              <ul className="space-y-2">
                {extraction.findings.map((f, i) => (
                  <li key={i} className="flex gap-2">
                    <Badge tone={f.severity === "error" ? "danger" : f.severity === "warning" ? "warning" : "neutral"}>{f.rule}</Badge>
                    <span>{f.message}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <p className="text-sm">
            <Link href={`/documents/${task.documentId}`} className="font-medium underline underline-offset-4">
              Open {task.filename}
            </Link>{" "}
            for the original, the extracted fields with their confidence, and the timeline.
          </p>
        </div>
        <div className="space-y-4 self-start">
          <AssignControls taskId={task.id} meId={user.id} holder={holder ? { id: holder.id, name: holder.name } : null} candidates={task.status === "open" ? candidates : null} />
          {required > 1 ? (
            <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
              Four eyes: {required} different approvers must approve this amount. Approved so far: {approvedBy.length}.
            </p>
          ) : null}
          <DecisionPanel taskId={task.id} approve={mayAct(user, task, "approve", approvedBy)} reject={mayAct(user, task, "reject")} />
        </div>
      </div>
    </>
  );
}
