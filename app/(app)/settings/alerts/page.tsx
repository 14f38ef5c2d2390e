import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { extractionFieldNames, fieldLabel } from "@/domain/documents/fields";
import { alertLine, listFiringAlerts, listResolvedAlerts, listRules } from "@/services/alerts/list";
import { ruleTitle } from "@/services/alerts/email";
import { asAlertRule } from "@/services/alerts/rules";
import { requirePermission } from "@/services/auth/session";
import { OpenAlertsTable, ResolvedAlertsTable } from "@/components/alerts/alert-tables";
import { AddRuleDialog } from "./_components/add-rule-dialog";
import { EvaluateNow } from "./_components/evaluate-now";
import { RuleForm } from "./_components/rule-form";

export const metadata: Metadata = { title: "Alerts" };

const week = 7 * 24 * 3_600_000;
const fields = extractionFieldNames.map((name) => ({ name, label: fieldLabel(name, null) }));

export default async function AlertsPage() {
  await requirePermission("settings:view");
  const now = new Date();
  const [rules, firing, resolved] = await Promise.all([
    listRules(),
    listFiringAlerts(),
    listResolvedAlerts({ from: new Date(now.getTime() - week), to: now }),
  ]);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Rules Keel evaluates every five minutes. A rule that crosses its threshold opens an alert, shown on the monitor and emailed once to every admin; the alert resolves when the value is back within the threshold."
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <EvaluateNow />
            <AddRuleDialog fields={fields} />
          </div>
        }
      />
      <section aria-labelledby="firing-heading" className="mb-8">
        <h2 id="firing-heading" className="mb-2 font-semibold">
          Firing now
        </h2>
        {firing.length === 0 ? (
          <ComingSoon>No alert is firing.</ComingSoon>
        ) : (
          <OpenAlertsTable alerts={firing.map(alertLine)} now={now} label="Firing alerts" />
        )}
      </section>
      <section aria-labelledby="rules-heading" className="mb-8">
        <h2 id="rules-heading" className="mb-2 font-semibold">
          Rules
        </h2>
        <div className="space-y-3">
          {rules.map((rule) => (
            <RuleForm
              key={rule.id}
              version={rule.updatedAt.toISOString()}
              rule={asAlertRule(rule)}
              title={ruleTitle(rule)}
              fields={fields}
            />
          ))}
        </div>
      </section>
      <section aria-labelledby="resolved-heading">
        <h2 id="resolved-heading" className="mb-2 font-semibold">
          Resolved in the last 7 days
        </h2>
        {resolved.length === 0 ? (
          <ComingSoon>No alert resolved in the last 7 days.</ComingSoon>
        ) : (
          <ResolvedAlertsTable alerts={resolved.map(alertLine)} label="Resolved alerts" />
        )}
      </section>
    </>
  );
}
