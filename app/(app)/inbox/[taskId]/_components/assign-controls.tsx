"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { assignTaskAction } from "../../actions";

type Props = {
  taskId: string;
  holder: { id: string; name: string } | null;
  meId: string;
  candidates: { id: string; name: string }[] | null;
};

/** Who holds the task, and claim / release / (admins) reassign. */
export function AssignControls({ taskId, holder, meId, candidates }: Props) {
  const [pending, start] = useTransition();
  const notify = useToast();
  const run = (to: string, done: string) => {
    start(async () => {
      const result = await assignTaskAction({ taskId, to });
      notify(
        result.ok
          ? { title: done, tone: "success" }
          : { title: "Not changed", description: result.message, tone: "error" },
      );
    });
  };
  return (
    <section aria-label="Assignment" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <p>
        {holder
          ? holder.id === meId
            ? "You have claimed this task."
            : `Claimed by ${holder.name}.`
          : "Nobody has claimed this task yet."}
      </p>
      <div className="flex gap-2">
        {holder?.id !== meId ? (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => run("me", "Claimed")}>
            Claim
          </Button>
        ) : null}
        {holder && (holder.id === meId || candidates) ? (
          <Button size="sm" variant="ghost" disabled={pending} onClick={() => run("nobody", "Released")}>
            Release
          </Button>
        ) : null}
      </div>
      {candidates ? (
        <label className="block">
          <span className="mb-1 block text-slate-600">Hand to</span>
          <Select
            aria-label="Hand to"
            defaultValue=""
            disabled={pending}
            onChange={(e) => {
              if (e.target.value) run(e.target.value, "Reassigned");
            }}
          >
            <option value="">Choose a person…</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </label>
      ) : null}
    </section>
  );
}
