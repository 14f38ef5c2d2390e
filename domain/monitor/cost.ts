import { convert, missingRateReason, type RateBook } from "../fx";

/** What a group of approved documents cost, as measured: model spend in USD micros, people's focused milliseconds. */
export type MeasuredCost = { documents: number; modelMicros: number; handlingMs: number };

/** Rates the measured cost is priced with: the hourly rate of handling (Settings → Operations) and the day's rates. */
export type Pricing = { hourlyRateMinor: number; currency: string; book: RateBook };

/**
 * The cost in the hourly rate's currency, minor units (fractions kept until shown). Model spend is in USD; without
 * a rate that converts it, the two parts stay apart and `missingRate` says which rate to add where.
 */
export type PricedCost = MeasuredCost & {
  handlingMinor: number;
  modelMinor: number | null;
  perDocumentMinor: number | null;
  missingRate: string | null;
};

const MICROS_PER_CENT = 10_000;
const MS_PER_HOUR = 3_600_000;

export function priceCost(cost: MeasuredCost, pricing: Pricing): PricedCost {
  const handlingMinor = (cost.handlingMs / MS_PER_HOUR) * pricing.hourlyRateMinor;
  const model = modelCostIn(cost.modelMicros, pricing);
  const modelMinor = model.ok ? model.minor : null;
  return {
    ...cost,
    handlingMinor,
    modelMinor,
    perDocumentMinor:
      modelMinor === null || cost.documents === 0 ? null : (handlingMinor + modelMinor) / cost.documents,
    missingRate: model.ok ? null : model.reason,
  };
}

/**
 * USD micros in the pricing currency's minor units. The micros go through the exact converter as if they were
 * cents, ten thousand times too large, so no precision is lost before the division back.
 */
function modelCostIn(micros: number, pricing: Pricing): { ok: true; minor: number } | { ok: false; reason: string } {
  if (micros === 0) return { ok: true, minor: 0 };
  if (pricing.currency === "USD") return { ok: true, minor: micros / MICROS_PER_CENT };
  const converted = convert(micros, "USD", pricing.currency, pricing.book);
  if (!converted.ok) return { ok: false, reason: missingRateReason(missingCurrencies(pricing), pricing.book) };
  return { ok: true, minor: converted.conversion.toMinor / MICROS_PER_CENT };
}

function missingCurrencies(pricing: Pricing): string[] {
  return ["USD", pricing.currency].filter((c) => c !== pricing.book.base && pricing.book.rates[c] === undefined);
}

/** USD micros as a reader compares them: dollars to four decimals ("US$0.0123"). */
export function formatUsdMicros(micros: number): string {
  return `US$${(micros / 1_000_000).toFixed(4)}`;
}

/** Focused time in minutes to a tenth ("12.5 min"): handling is minutes, seldom hours, per document. */
export function formatHandling(ms: number): string {
  return `${(ms / 60_000).toFixed(1)} min`;
}
