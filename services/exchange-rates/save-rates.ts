import type { Actor } from "@/db/queries/audit";
import { saveExchangeRates } from "@/db/queries/exchange-rates";
import { checkRate, parseRatesCsv, type RateInput } from "@/domain/fx-import";
import { env } from "@/lib/env";

/** One rate typed by an admin; a rate for the same currency and day replaces the one on file. */
export async function addExchangeRate(
  input: { currency: string; rate: string; effectiveFrom: string },
  actor: Actor,
): Promise<{ ok: true } | { ok: false; errors: Partial<Record<keyof RateInput, string>> }> {
  const checked = checkRate(input, env().KEEL_BASE_CURRENCY);
  if (!checked.ok) return checked;
  await saveExchangeRates([checked.rate], actor);
  return { ok: true };
}

/** A CSV of rates (`currency,rate,effective_from`): all of it is saved, or none and every bad line is named. */
export async function importExchangeRates(
  csv: string,
  actor: Actor,
): Promise<{ ok: true } | { ok: false; errors: string[] }> {
  const parsed = parseRatesCsv(csv, env().KEEL_BASE_CURRENCY);
  if (!parsed.ok) return parsed;
  await saveExchangeRates(parsed.rates, actor);
  return { ok: true };
}
