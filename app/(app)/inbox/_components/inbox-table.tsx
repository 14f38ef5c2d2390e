"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describe, Field, Input } from "@/components/ui/field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/cn";
import type { TaskType } from "@/domain/routing";
import { isSpending } from "@/domain/tasks/policy";
import { decideTask } from "../actions";
import { ConfirmSpend } from "./confirm-spend";

export type InboxRow = {
  id: string;
  title: string;
  filename: string;
  vendor: string;
  type: string;
  typeLabel: string;
  amount: string;
  waiting: string;
  due: string;
  danger: boolean;
};

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/**
 * The task list, worked from the keyboard: j/k move, Enter opens, a approves (spend after a confirmation showing the
 * amount and vendor), r rejects with a reason, e edits.
 */
export function InboxTable({ rows }: { rows: InboxRow[] }) {
  const [selected, setSelected] = useState(0);
  const [rejecting, setRejecting] = useState<InboxRow | null>(null);
  const [confirming, setConfirming] = useState<InboxRow | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string[] | undefined>();
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const router = useRouter();
  const notify = useToast();
  const current = rows[Math.min(selected, rows.length - 1)];

  async function approve(row: InboxRow) {
    const result = await decideTask({ taskId: row.id, action: "approve" });
    notify(
      !result.ok
        ? { title: "Not approved", description: result.message, tone: "error" }
        : result.data.resolved
          ? { title: `Approved: ${row.title}`, tone: "success" }
          : { title: `Approved, 1 of 2: ${row.title}`, description: "A second approver must confirm before it is final.", tone: "success" },
    );
    router.refresh();
  }

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (typing(event.target) || event.metaKey || event.ctrlKey || event.altKey || rejecting || confirming || !current) return;
      const move = (to: number) => {
        const next = Math.max(0, Math.min(rows.length - 1, to));
        setSelected(next);
        links.current[next]?.focus();
      };
      switch (event.key) {
        case "j":
          move(selected + 1);
          break;
        case "k":
          move(selected - 1);
          break;
        case "Enter":
          if (document.activeElement === document.body) router.push(`/inbox/${current.id}`);
          return;
        case "a":
          if (isSpending(current.type as TaskType)) setConfirming(current);
          else void approve(current);
          break;
        case "r":
          setReason("");
          setReasonError(undefined);
          setRejecting(current);
          break;
        case "e":
          router.push(`/inbox/${current.id}?edit=1`);
          break;
        default:
          return;
      }
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
    };
  });

  async function reject() {
    if (!rejecting) return;
    const result = await decideTask({ taskId: rejecting.id, action: "reject", reason });
    if (!result.ok && result.fieldErrors) {
      setReasonError(result.fieldErrors.reason);
      return;
    }
    notify(result.ok ? { title: `Rejected: ${rejecting.title}`, tone: "success" } : { title: "Not rejected", description: result.message, tone: "error" });
    setRejecting(null);
    router.refresh();
  }

  return (
    <>
      <p className="mb-2 text-xs text-slate-500">
        Keyboard: <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>e</kbd> edit
      </p>
      <Table aria-label="Tasks">
        <TableHead>
          <tr>
            <TableHeader>Task</TableHeader>
            <TableHeader>Type</TableHeader>
            <TableHeader>Vendor</TableHeader>
            <TableHeader className="text-right">Amount</TableHeader>
            <TableHeader>Waiting</TableHeader>
            <TableHeader>Due</TableHeader>
          </tr>
        </TableHead>
        <TableBody>
          {rows.map((row, i) => (
            <TableRow key={row.id} aria-selected={i === selected} className={cn(i === selected && "bg-slate-100 outline-2 -outline-offset-2 outline-slate-400")}>
              <TableCell>
                <Link
                  ref={(el) => {
                    links.current[i] = el;
                  }}
                  href={`/inbox/${row.id}`}
                  onFocus={() => setSelected(i)}
                  className="font-medium underline-offset-4 hover:underline"
                >
                  {row.title}
                </Link>
                <p className="text-xs text-slate-500">{row.filename}</p>
              </TableCell>
              <TableCell>
                <Badge tone={row.danger ? "danger" : "warning"}>{row.typeLabel}</Badge>
              </TableCell>
              <TableCell className="text-slate-700">{row.vendor}</TableCell>
              <TableCell className="text-right tabular-nums">{row.amount}</TableCell>
              <TableCell className="tabular-nums text-slate-600">{row.waiting}</TableCell>
              <TableCell className="text-slate-600">{row.due}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ConfirmSpend
        spend={confirming}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) void approve(confirming);
          setConfirming(null);
        }}
      />
      <Dialog open={rejecting !== null} onOpenChange={(open) => !open && setRejecting(null)} title="Reject this task" description={rejecting?.title}>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void reject();
          }}
        >
          <Field id="reject-reason" label="Reason" errors={reasonError}>
            <Input {...describe("reject-reason", reasonError)} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setRejecting(null)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger">
              Reject
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
