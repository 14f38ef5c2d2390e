import { findNumberTokens, parseLocaleAmount, type NumberToken } from "@/domain/parse/amounts";
import { currencyFromMarker } from "@/domain/parse/currency";
import { findDates } from "@/domain/parse/dates";
import { takenBy } from "@/domain/parse/taken";
import type { DocContext } from "./context";
import type { Candidate } from "./locate";

export type MoneyToken = NumberToken & { minor: number };

/** Amounts in a piece of text, in the document's currency: no dates, no percentages, no foreign-currency figures. */
export function moneyTokens(
  ctx: DocContext,
  text: string,
  options: { round?: boolean; spaceGrouping?: boolean } = {},
): MoneyToken[] {
  const dates = takenBy(text.length, findDates(text, ctx.dateOrder));
  const out: MoneyToken[] = [];
  for (const token of findNumberTokens(text, { spaceGrouping: options.spaceGrouping ?? ctx.spaceGrouping })) {
    if (token.percent || token.unit !== "") continue;
    if (dates.overlaps(token.start, token.end)) continue;
    if (token.currencyMarked) {
      const marker = text.slice(token.start, token.end).replace(/[\d\s.,'’()\-−\u00a0\u202f]/gu, "");
      const code = currencyFromMarker(marker, ctx.currencyHints);
      if (code !== null && ctx.currency !== null && code !== ctx.currencyCode) continue;
    }
    const minor = parseLocaleAmount(token.text, ctx.currencyCode, {
      decimalSeparator: ctx.decimalSeparator,
      round: options.round,
    });
    if (minor === null) continue;
    out.push({ ...token, minor });
  }
  return out;
}

export function amountReader(ctx: DocContext): (text: string) => Candidate<number>[] {
  return (text) => moneyTokens(ctx, text).map((t) => ({ start: t.start, end: t.end, value: t.minor }));
}
