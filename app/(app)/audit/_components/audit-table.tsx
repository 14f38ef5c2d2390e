import Link from "next/link";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import type { AuditEntry } from "@/db/schema";
import { formatUtc } from "@/lib/format";
import { changeSummary, correlationHref, subjectHref } from "../audit-view";

function MaybeLink({ href, text }: { href: string | null; text: string }) {
  return href ? (
    <Link href={href} title={text} className="block truncate underline underline-offset-4">
      {text}
    </Link>
  ) : (
    <span title={text} className="block truncate">
      {text}
    </span>
  );
}

/** The entries, newest first: who did what to which subject, and what it changed. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <Table aria-label="Audit entries" className="table-fixed">
      <TableColumns
        columns={[
          { label: "When", className: "w-40" },
          { label: "Actor", className: "w-48" },
          { label: "Action", className: "w-44" },
          { label: "Subject", className: "w-56" },
          { label: "Correlation", className: "w-40" },
          { label: "Change", className: "w-80" },
        ]}
      />
      <TableBody>
        {entries.map((e) => {
          const change = changeSummary(e.before, e.after);
          return (
            <TableRow key={e.id}>
              <TableCell className="whitespace-nowrap text-slate-600">{formatUtc(e.at)}</TableCell>
              <TableCell>
                <span title={e.actorLabel} className="block truncate">
                  {e.actorLabel}
                </span>
              </TableCell>
              <TableCell className="font-mono text-xs">{e.action}</TableCell>
              <TableCell>
                <span className="block text-xs text-slate-500">{e.subjectType}</span>
                <MaybeLink href={subjectHref(e.subjectType, e.subjectId)} text={e.subjectId} />
              </TableCell>
              <TableCell>
                {e.correlationId ? (
                  <MaybeLink href={correlationHref(e.subjectType, e.correlationId)} text={e.correlationId} />
                ) : (
                  "—"
                )}
              </TableCell>
              <TableCell className="text-xs text-slate-700">
                <span title={change} className="line-clamp-2 break-words">
                  {change || "—"}
                </span>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
