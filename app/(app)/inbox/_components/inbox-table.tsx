"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  TruncatedText,
  truncated,
} from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { ConfirmSpend } from "./confirm-spend";
import { RejectDialog } from "./reject-dialog";
import { useApproveRow } from "./use-approve-row";
import { useInboxKeys } from "./use-inbox-keys";

export type InboxRow = {
  id: string;
  title: string;
  filename: string;
  vendor: string;
  type: string;
  /** Approving from the keyboard asks first, showing the amount: the task moves money. */
  confirm: boolean;
  /** A ticket's task: its amount is a refund to the customer in the vendor column. */
  refund: boolean;
  typeLabel: string;
  amount: string;
  waiting: string;
  /** Relative, to stay on one line ("in 5 h"); `dueAt` is the full date, shown on hover. */
  due: string;
  dueAt: string;
  danger: boolean;
};

/**
 * The task list, worked from the keyboard: j/k move, Enter opens, a approves (spend after a confirmation showing the
 * amount and vendor), r rejects with a reason, e edits.
 */
export function InboxTable({
  rows,
  summary,
}: {
  rows: InboxRow[];
  /** How many tasks match and in which order, said on the line above the table. */
  summary: string;
}) {
  // The selection follows a task, not a row number: a push re-renders the list while someone works it, and `a`
  // must act on the task they moved to. When that task leaves the list, the row in its place is selected.
  const [choice, setChoice] = useState<{ id: string | null; index: number }>({ id: rows[0]?.id ?? null, index: 0 });
  const found = rows.findIndex((row) => row.id === choice.id);
  const selected = found >= 0 ? found : Math.max(0, Math.min(choice.index, rows.length - 1));
  const setSelected = (index: number) => setChoice({ id: rows[index]?.id ?? null, index });
  const [rejecting, setRejecting] = useState<InboxRow | null>(null);
  const [confirming, setConfirming] = useState<InboxRow | null>(null);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const router = useRouter();
  const approve = useApproveRow();
  const current = rows[selected];

  useInboxKeys({
    count: current ? rows.length : 0,
    selected,
    paused: rejecting !== null || confirming !== null,
    select: (index) => {
      setSelected(index);
      links.current[index]?.focus();
    },
    open: () => current && router.push(`/inbox/${current.id}`),
    approve: () => {
      if (!current) return;
      if (current.confirm) setConfirming(current);
      else void approve(current);
    },
    reject: () => setRejecting(current ?? null),
    edit: () => current && router.push(`/inbox/${current.id}?edit=1`),
  });

  return (
    <>
      <p className="mb-2 text-xs text-slate-500">
        {summary}
        <span className="hidden md:inline">
          {" "}
          · Keyboard: <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>a</kbd> approve · <kbd>r</kbd>{" "}
          reject · <kbd>e</kbd> edit
        </span>
      </p>
      <Table aria-label="Tasks">
        <TableHead>
          <tr>
            <TableHeader>Task</TableHeader>
            <TableHeader className="hidden 2xl:table-cell">Document or ticket</TableHeader>
            <TableHeader>Type</TableHeader>
            <TableHeader>Vendor or customer</TableHeader>
            <TableHeader className="text-right">Amount</TableHeader>
            <TableHeader>Waiting</TableHeader>
            <TableHeader>Due</TableHeader>
          </tr>
        </TableHead>
        <TableBody>
          {rows.map((row, i) => (
            <TableRow
              key={row.id}
              aria-selected={i === selected}
              className={cn(i === selected && "bg-slate-100 outline-2 -outline-offset-2 outline-slate-400")}
            >
              <TableCell compact>
                <Link
                  ref={(el) => {
                    links.current[i] = el;
                  }}
                  href={`/inbox/${row.id}`}
                  title={`${row.title} — ${row.filename}`}
                  onFocus={() => setSelected(i)}
                  className={truncated("max-w-64", "font-medium underline-offset-4 hover:underline")}
                >
                  {row.title}
                </Link>
              </TableCell>
              <TableCell compact className="hidden text-xs text-slate-500 2xl:table-cell">
                <TruncatedText text={row.filename} width="max-w-56" />
              </TableCell>
              <TableCell compact>
                <Badge tone={row.danger ? "danger" : "warning"}>{row.typeLabel}</Badge>
              </TableCell>
              <TableCell compact className="text-slate-700">
                <TruncatedText text={row.vendor} width="max-w-40" />
              </TableCell>
              <TableCell compact className="text-right whitespace-nowrap tabular-nums">
                {row.amount}
              </TableCell>
              <TableCell compact className="whitespace-nowrap tabular-nums text-slate-600">
                {row.waiting}
              </TableCell>
              <TableCell compact className="whitespace-nowrap text-slate-600">
                <time dateTime={row.dueAt} title={row.dueAt}>
                  {row.due}
                </time>
              </TableCell>
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
      <RejectDialog task={rejecting} onClose={() => setRejecting(null)} />
    </>
  );
}
