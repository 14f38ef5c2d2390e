import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/app-shell";
import { parsePeriod } from "@/domain/monitor/period";
import { requirePermission } from "@/services/auth/session";
import { loadMonitor } from "@/services/monitor/dashboard";
import { AlertsSection } from "./_components/alerts-section";
import { BacklogSection } from "./_components/backlog-section";
import { ClassMixSection } from "./_components/class-mix-section";
import { CostSection } from "./_components/cost-section";
import { EvalAccuracySection } from "./_components/eval-accuracy-section";
import { FieldsSection } from "./_components/fields-section";
import { utc } from "./_components/format";
import { ModelCallsSection } from "./_components/model-calls-section";
import { PeriodSelector } from "./_components/period-selector";
import { StraightThroughSection } from "./_components/straight-through-section";
import { ThroughputSection } from "./_components/throughput-section";
import { VendorFieldsSection } from "./_components/vendor-fields-section";

export const metadata: Metadata = { title: "Monitor" };

/** How the pipeline, the people and the models did over a period chosen in the URL, against the period before. */
export default async function MonitorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("monitor:view");
  const period = parsePeriod(await searchParams, new Date());
  const data = await loadMonitor(period.window);
  return (
    <>
      <PageHeader
        title="Monitor"
        description={`From ${utc(data.window.from)} to ${utc(data.window.to)}, against the ${data.bucket === "hour" ? "hours" : "days"} just before (from ${utc(data.baseline.from)}).`}
      />
      <PeriodSelector period={period} />
      <div className="grid min-w-0 gap-4">
        <AlertsSection from={data.window.from} to={data.window.to} />
        <ThroughputSection data={data} />
        <BacklogSection data={data} />
        <StraightThroughSection data={data} />
        <FieldsSection data={data} />
        <VendorFieldsSection data={data} />
        <ClassMixSection data={data} />
        <ModelCallsSection data={data} />
        <CostSection data={data} />
        <EvalAccuracySection from={data.window.from} to={data.window.to} />
      </div>
    </>
  );
}
