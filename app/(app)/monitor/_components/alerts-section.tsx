import Link from "next/link";
import { OpenAlertsTable, ResolvedAlertsTable } from "@/components/alerts/alert-tables";
import { alertLine, listFiringAlerts, listResolvedAlerts } from "@/services/alerts/list";

/**
 * The alert rules' side of the monitor: what is firing now, whatever the period, and what resolved in the period,
 * so a quiet plot and a cleared alert can be read together.
 */
export async function AlertsSection({ from, to }: { from: Date; to: Date }) {
  const [firing, resolved] = await Promise.all([listFiringAlerts(), listResolvedAlerts({ from, to })]);
  const now = new Date();
  return (
    <section aria-labelledby="alerts" className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id="alerts" className="text-base font-semibold text-slate-900">
          Alerts
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Alerts firing now, and those resolved in this period. Admins set the rules under{" "}
          <Link href="/settings/alerts" className="underline underline-offset-4">
            Settings → Alerts
          </Link>
          .
        </p>
      </div>
      {firing.length === 0 ? (
        <p className="text-sm text-slate-600">No alert is firing.</p>
      ) : (
        <OpenAlertsTable alerts={firing.map(alertLine)} now={now} label="Firing alerts" />
      )}
      {resolved.length === 0 ? (
        <p className="text-sm text-slate-600">No alert resolved in this period.</p>
      ) : (
        <ResolvedAlertsTable alerts={resolved.map(alertLine)} label="Alerts resolved in this period" />
      )}
    </section>
  );
}
