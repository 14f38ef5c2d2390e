import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import { db, type Executor } from "../index";
import { exchangeRates } from "../schema";
import { rateDay, type ExchangeRate, type RateBook } from "@/domain/fx";
import type { RateInput } from "@/domain/fx-import";
import { env } from "@/lib/env";
import { recordAudit, type Actor } from "./audit";

const asRate = (row: { base: string; currency: string; rate: string; effectiveFrom: string }): ExchangeRate => ({
  base: row.base,
  currency: row.currency,
  // numeric(24, 10) comes back padded with zeros; the decision record and the page show the rate as entered.
  rate: row.rate.includes(".") ? row.rate.replace(/0+$/, "").replace(/\.$/, "") : row.rate,
  effectiveFrom: row.effectiveFrom,
});

/** The rates in force on `on` (default today): per currency, the latest one effective on or before that day. */
export async function getRateBook(
  on: string = rateDay(),
  base: string = env().KEEL_BASE_CURRENCY,
  tx: Executor = db(),
): Promise<RateBook> {
  const rows = await tx
    .selectDistinctOn([exchangeRates.currency], {
      base: exchangeRates.base,
      currency: exchangeRates.currency,
      rate: exchangeRates.rate,
      effectiveFrom: exchangeRates.effectiveFrom,
    })
    .from(exchangeRates)
    .where(and(eq(exchangeRates.base, base), lte(exchangeRates.effectiveFrom, on)))
    .orderBy(asc(exchangeRates.currency), desc(exchangeRates.effectiveFrom));
  return { base, on, rates: Object.fromEntries(rows.map((r) => [r.currency, asRate(r)])) };
}

/** Every rate against `base`, newest effective day first: what Settings → Exchange rates lists. */
export async function listExchangeRates(
  base: string = env().KEEL_BASE_CURRENCY,
  limit = 500,
  tx: Executor = db(),
): Promise<(ExchangeRate & { createdAt: Date })[]> {
  const rows = await tx
    .select()
    .from(exchangeRates)
    .where(eq(exchangeRates.base, base))
    .orderBy(desc(exchangeRates.effectiveFrom), asc(exchangeRates.currency))
    .limit(limit);
  return rows.map((r) => ({ ...asRate(r), createdAt: r.createdAt }));
}

/**
 * Saves rates against `base` in one transaction, all or none, with one audit entry. A rate for a currency and day
 * already on file is replaced: decisions keep a copy of the rate they used, so history does not move.
 */
export async function saveExchangeRates(
  rates: readonly RateInput[],
  actor: Actor,
  base: string = env().KEEL_BASE_CURRENCY,
): Promise<{ added: number; replaced: number }> {
  return db().transaction(async (tx) => {
    let added = 0;
    // Batches keep each statement well under PostgreSQL's limit of 65,535 parameters.
    for (let i = 0; i < rates.length; i += 1000) {
      const rows = await tx
        .insert(exchangeRates)
        .values(
          rates.slice(i, i + 1000).map((r) => ({
            base,
            currency: r.currency,
            rate: r.rate,
            effectiveFrom: r.effectiveFrom,
            createdBy: actor.id,
          })),
        )
        .onConflictDoUpdate({
          target: [exchangeRates.base, exchangeRates.currency, exchangeRates.effectiveFrom],
          set: { rate: sql`excluded.rate`, createdBy: sql`excluded.created_by`, createdAt: sql`now()` },
        })
        // xmax is 0 on a freshly inserted row and set on one the conflict updated.
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      added += rows.filter((r) => r.inserted).length;
    }
    const replaced = rates.length - added;
    await recordAudit(
      {
        actor,
        action: "exchange_rates.saved",
        subjectType: "exchange_rates",
        subjectId: base,
        after: { added, replaced, rates: rates.slice(0, 100) },
      },
      tx,
    );
    return { added, replaced };
  });
}
