import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getRateBook, listExchangeRates } from "@/db/queries/exchange-rates";
import { rateDay } from "@/domain/fx";
import { requirePermission } from "@/services/auth/session";
import { env } from "@/lib/env";
import { formatUtc } from "@/lib/format";
import { AddRateDialog, ImportRatesDialog } from "./_components/rate-dialogs";

export const metadata: Metadata = { title: "Exchange rates" };

export default async function ExchangeRatesPage() {
  await requirePermission("exchange_rates:manage");
  const base = env().KEEL_BASE_CURRENCY;
  const today = rateDay();
  const [book, rates] = await Promise.all([getRateBook(today, base), listExchangeRates(base)]);
  const inForce = Object.values(book.rates);
  return (
    <>
      <PageHeader
        title="Exchange rates"
        description={`One ${base} buys this many units of each currency. An approver's limit in one currency is checked against amounts in another with the rate in force on the day of the decision, and the rate used is kept with the decision.`}
        actions={
          <div className="flex flex-wrap gap-2">
            <ImportRatesDialog base={base} />
            <AddRateDialog today={today} />
          </div>
        }
      />
      <section aria-label="In force today" className="mb-6">
        <h2 className="mb-2 font-semibold">In force today ({today})</h2>
        {inForce.length === 0 ? (
          <ComingSoon>
            No rates yet. Until a currency has one, approvers whose limit is in another currency are told to ask an
            admin for it.
          </ComingSoon>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {inForce.map((r) => (
              <li key={r.currency} className="rounded-md border border-slate-200 bg-white px-3 py-1 tabular-nums">
                1 {base} = {r.rate} {r.currency} <span className="text-xs text-slate-500">since {r.effectiveFrom}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {rates.length > 0 ? (
        <Table aria-label="Exchange rates">
          <TableHead>
            <tr>
              <TableHeader>Currency</TableHeader>
              <TableHeader className="text-right">Rate (per 1 {base})</TableHeader>
              <TableHeader>Effective from</TableHeader>
              <TableHeader>Entered</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {rates.map((r) => (
              <TableRow key={`${r.currency}-${r.effectiveFrom}`}>
                <TableCell className="font-medium">{r.currency}</TableCell>
                <TableCell className="text-right tabular-nums">{r.rate}</TableCell>
                <TableCell>{r.effectiveFrom}</TableCell>
                <TableCell className="text-slate-600">{formatUtc(r.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </>
  );
}
