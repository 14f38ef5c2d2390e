import { getRateBook } from "@/db/queries/exchange-rates";
import { getOperatingSettings } from "@/db/queries/operating-settings";
import { selectBacklog, type BacklogRow } from "@/db/queries/monitor/backlog";
import { selectLaneWaits, type LaneWait } from "@/db/queries/monitor/lane-waits";
import { selectApprovedCosts, type CostGroup } from "@/db/queries/monitor/cost";
import { selectClassMix, selectQaFindings, type QaFindings } from "@/db/queries/monitor/documents";
import {
  selectFieldStatsByVendor,
  selectFieldStatsForVendors,
  type VendorFieldStat,
} from "@/db/queries/monitor/fields";
import {
  selectFallbacks,
  selectModelCallGroups,
  selectModelErrors,
  type ModelCallGroup,
} from "@/db/queries/monitor/model-calls";
import { selectThroughput, type ThroughputRow } from "@/db/queries/monitor/throughput";
import { rateDay } from "@/domain/fx";
import { priceCost, type PricedCost } from "@/domain/monitor/cost";
import { bucketFor, bucketStarts, type Bucket } from "@/domain/monitor/period";
import { baselineOf, type MetricWindow } from "@/domain/monitor/window";
import { env } from "@/lib/env";
import { fieldStats, straightThrough, type FieldStat } from "./metrics";

/** How many vendors the per-vendor field table shows: the ones with the most documents in the period. */
export const TOP_VENDORS = 5;

export type PricedGroup = PricedCost & { key: string | null };

export type MonitorData = {
  window: MetricWindow;
  baseline: MetricWindow;
  bucket: Bucket;
  throughput: ThroughputRow[];
  backlog: BacklogRow[];
  straightThrough: { current: StraightThrough; baseline: StraightThrough };
  qa: QaFindings;
  fields: { current: FieldStat[]; baseline: FieldStat[] };
  vendorFields: { current: VendorFieldStat[]; baseline: VendorFieldStat[] };
  classMix: { current: ClassCount[]; baseline: ClassCount[] };
  modelCalls: ModelCallGroup[];
  modelErrors: { provider: string; errorClass: string; calls: number }[];
  fallbacks: { answeredBy: string; firstAsked: string; documents: number }[];
  /** The shared model budget as backpressure: waits in each lane's queue, and calls that gave way while queued. */
  laneWaits: LaneWait[];
  cost: {
    currency: string;
    hourlyRateMinor: number;
    total: PricedGroup;
    byTaskType: PricedGroup[];
    byVendor: PricedGroup[];
  };
};

type StraightThrough = Awaited<ReturnType<typeof straightThrough>>;
type ClassCount = { documentClass: string | null; documents: number };

/**
 * Everything the Monitor shows for a period and its baseline (the period of the same length just before), each
 * number aggregated in SQL. The backlog is the queue as it stood at the period's end.
 */
export async function loadMonitor(window: MetricWindow): Promise<MonitorData> {
  const baseline = baselineOf(window);
  const bucket = bucketFor(window);
  const [
    throughput,
    backlog,
    stpNow,
    stpBefore,
    qa,
    fieldsNow,
    fieldsBefore,
    vendorFields,
    classNow,
    classBefore,
    modelCalls,
    modelErrors,
    fallbacks,
    laneWaits,
    costs,
    settings,
  ] = await Promise.all([
    selectThroughput(window, bucket),
    selectBacklog(window.to),
    straightThrough(window),
    straightThrough(baseline),
    selectQaFindings(window),
    fieldStats(window),
    fieldStats(baseline),
    selectFieldStatsByVendor(window, TOP_VENDORS),
    selectClassMix(window),
    selectClassMix(baseline),
    selectModelCallGroups(window),
    selectModelErrors(window),
    selectFallbacks(window),
    selectLaneWaits(window),
    selectApprovedCosts(window),
    getOperatingSettings(),
  ]);
  // The rates in force on the period's last day price the whole period.
  const vendorBaseline = await selectFieldStatsForVendors(baseline, [...new Set(vendorFields.map((s) => s.vendor))]);
  const book = await getRateBook(rateDay(new Date(window.to.getTime() - 1)), env().KEEL_BASE_CURRENCY);
  const pricing = { hourlyRateMinor: settings.handlingHourlyRateMinor, currency: settings.handlingRateCurrency, book };
  const price = (group: CostGroup): PricedGroup => ({ key: group.key, ...priceCost(group, pricing) });
  return {
    window,
    baseline,
    bucket,
    throughput: fillBuckets(throughput, bucketStarts(window, bucket)),
    backlog,
    straightThrough: { current: stpNow, baseline: stpBefore },
    qa,
    fields: { current: fieldsNow, baseline: fieldsBefore },
    vendorFields: { current: vendorFields, baseline: vendorBaseline },
    classMix: { current: classNow, baseline: classBefore },
    modelCalls,
    modelErrors,
    fallbacks,
    laneWaits,
    cost: {
      currency: settings.handlingRateCurrency,
      hourlyRateMinor: settings.handlingHourlyRateMinor,
      total: price(costs.total),
      byTaskType: costs.byTaskType.map(price),
      byVendor: costs.byVendor.map(price),
    },
  };
}

/** Every bucket of the period in order, the quiet ones as zeros, so a plot's axis is time and not just activity. */
function fillBuckets(rows: ThroughputRow[], starts: Date[]): ThroughputRow[] {
  const found = new Map(rows.map((r) => [r.bucket.getTime(), r]));
  return starts.map(
    (bucket) => found.get(bucket.getTime()) ?? { bucket, received: 0, posted: 0, rejected: 0, failed: 0 },
  );
}
