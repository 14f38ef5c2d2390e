import { PlotCard } from "@/components/monitor/plot-card";
import { TOP_VENDORS, type MonitorData } from "@/services/monitor/dashboard";
import { count } from "./format";
import { FieldTable } from "./fields-section";

/** The same field numbers for the vendors with the most documents in the period, one folded table each. */
export function VendorFieldsSection({ data }: { data: MonitorData }) {
  const { current, baseline } = data.vendorFields;
  const vendors = [...new Set(current.map((s) => s.vendor))]
    .map((vendor) => {
      const stats = current.filter((s) => s.vendor === vendor);
      const before = baseline.filter((s) => s.vendor === vendor);
      return { vendor, stats, before, documents: stats[0]?.documents ?? 0 };
    })
    .sort((a, b) => b.documents - a.documents || a.vendor.localeCompare(b.vendor));
  return (
    <PlotCard
      id="vendor-fields"
      title="Fields by vendor"
      description={`The ${String(TOP_VENDORS)} vendors with the most documents received in the period, each against its own baseline.`}
      empty={vendors.length === 0 ? "No document received in this period names a vendor." : null}
    >
      <div className="space-y-2">
        {vendors.map(({ vendor, stats, before, documents }) => (
          <details key={vendor} className="rounded-md border border-slate-200">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">
              {vendor} ({count(documents)} document(s))
            </summary>
            <div className="p-2">
              <FieldTable caption={`Fields for ${vendor}`} current={stats} baseline={before} />
            </div>
          </details>
        ))}
      </div>
    </PlotCard>
  );
}
