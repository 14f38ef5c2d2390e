import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { formatAge, formatUtc } from "@/lib/format";

export type AlertLine = {
  id: string;
  rule: string;
  message: string;
  resolvedMessage: string | null;
  startedAt: Date;
  resolvedAt: Date | null;
  lastEvaluatedAt: Date;
};

/** The alerts firing now: which rule, what it read last, since when. */
export function OpenAlertsTable({ alerts, now, label }: { alerts: readonly AlertLine[]; now: Date; label: string }) {
  return (
    <Table aria-label={label}>
      <TableColumns columns={["Rule", "What it read", "Firing since", "Last checked"]} />
      <TableBody>
        {alerts.map((a) => (
          <TableRow key={a.id}>
            <TableCell className="font-medium">{a.rule}</TableCell>
            <TableCell className="min-w-64">{a.message}</TableCell>
            <TableCell className="whitespace-nowrap">
              {formatUtc(a.startedAt)} <span className="text-slate-500">({formatAge(a.startedAt, now)})</span>
            </TableCell>
            <TableCell className="whitespace-nowrap text-slate-600">{formatUtc(a.lastEvaluatedAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Alerts that resolved: when they fired, when they stopped, and why. */
export function ResolvedAlertsTable({ alerts, label }: { alerts: readonly AlertLine[]; label: string }) {
  return (
    <Table aria-label={label}>
      <TableColumns columns={["Rule", "Fired on", "Fired", "Resolved", "Why"]} />
      <TableBody>
        {alerts.map((a) => (
          <TableRow key={a.id}>
            <TableCell className="font-medium">{a.rule}</TableCell>
            <TableCell className="min-w-64">{a.message}</TableCell>
            <TableCell className="whitespace-nowrap">{formatUtc(a.startedAt)}</TableCell>
            <TableCell className="whitespace-nowrap">{a.resolvedAt ? formatUtc(a.resolvedAt) : "—"}</TableCell>
            <TableCell className="min-w-48 text-slate-600">{a.resolvedMessage ?? "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
