import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { requirePermission } from "@/services/auth/session";

export const metadata: Metadata = { title: "Monitor" };

export default async function MonitorPage() {
  await requirePermission("monitor:view");
  return (
    <>
      <PageHeader title="Monitor" description="How the pipeline and the models are doing." />
      <ComingSoon>
        <p>
          Throughput, auto-post and review rates, model fallback rate, cost per document including human handling time,
          field empty-rates and confidence distributions against their baseline, and alerts will be charted here once
          documents flow through Keel.
        </p>
      </ComingSoon>
    </>
  );
}
