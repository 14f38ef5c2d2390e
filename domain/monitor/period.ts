import { z } from "zod";
import type { MetricWindow } from "./window";

/** The periods the Monitor offers; a custom one is a range of whole days (UTC), the last day included. */
export const periodChoices = ["24h", "7d", "30d", "custom"] as const;
export type PeriodChoice = (typeof periodChoices)[number];

export const periodLabels: Record<PeriodChoice, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom",
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const relativeLength: Record<Exclude<PeriodChoice, "custom">, number> = { "24h": DAY, "7d": 7 * DAY, "30d": 30 * DAY };

/** The longest custom range: a year and a day covers any year; longer ones would be read day by day for nothing. */
export const MAX_CUSTOM_DAYS = 366;

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Give the day as a date, such as 2026-03-01.")
  .refine(
    (text) =>
      !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
    "That day does not exist; pick one from the calendar.",
  );

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export type PeriodErrors = { from?: string[]; to?: string[] };

export type ParsedPeriod = {
  choice: PeriodChoice;
  /** The custom days as typed, so the form shows them again beside their errors. */
  from: string;
  to: string;
  window: MetricWindow;
  errors: PeriodErrors;
};

/**
 * The Monitor's period from its URL: `period` (24h, 7d or 30d, ending now; default 7d) or `period=custom` with
 * `from` and `to` days. A custom range that does not hold says why beside its field, and the page shows the
 * default period meanwhile, so it is never blank.
 */
export function parsePeriod(raw: Record<string, string | string[] | undefined>, now: Date): ParsedPeriod {
  const asked = z.enum(periodChoices).safeParse(first(raw.period));
  const choice: PeriodChoice = asked.success ? asked.data : "7d";
  const from = first(raw.from)?.trim() ?? "";
  const to = first(raw.to)?.trim() ?? "";
  const fallback = relativeWindow("7d", now);
  if (choice !== "custom") return { choice, from, to, window: relativeWindow(choice, now), errors: {} };

  const errors: PeriodErrors = {};
  const fromDay = from === "" ? undefined : day.safeParse(from);
  const toDay = to === "" ? undefined : day.safeParse(to);
  if (!fromDay) errors.from = ["Give the first day of the range."];
  else if (!fromDay.success) errors.from = fromDay.error.issues.map((i) => i.message);
  if (!toDay) errors.to = ["Give the last day of the range."];
  else if (!toDay.success) errors.to = toDay.error.issues.map((i) => i.message);
  if (errors.from || errors.to) return { choice, from, to, window: fallback, errors };

  const window = { from: new Date(`${from}T00:00:00Z`), to: new Date(Date.parse(`${to}T00:00:00Z`) + DAY) };
  const days = (window.to.getTime() - window.from.getTime()) / DAY;
  if (days < 1)
    return { choice, from, to, window: fallback, errors: { to: ["The last day must be on or after the first day."] } };
  if (days > MAX_CUSTOM_DAYS)
    return {
      choice,
      from,
      to,
      window: fallback,
      errors: { to: [`A range covers at most ${String(MAX_CUSTOM_DAYS)} days; pick a last day closer to the first.`] },
    };
  return { choice, from, to, window, errors: {} };
}

function relativeWindow(choice: Exclude<PeriodChoice, "custom">, now: Date): MetricWindow {
  return { from: new Date(now.getTime() - relativeLength[choice]), to: now };
}

/** How the plots over time are cut: by the hour up to two days, by the day beyond. */
export type Bucket = "hour" | "day";

export function bucketFor(window: MetricWindow): Bucket {
  return window.to.getTime() - window.from.getTime() <= 48 * HOUR ? "hour" : "day";
}

/**
 * Every bucket's start in the window, UTC, so a plot shows the quiet hours and days as zeros rather than skipping
 * them. The first bucket is the one the window's start falls in.
 */
export function bucketStarts(window: MetricWindow, bucket: Bucket): Date[] {
  const step = bucket === "hour" ? HOUR : DAY;
  const start = Math.floor(window.from.getTime() / step) * step;
  const starts: Date[] = [];
  for (let t = start; t < window.to.getTime(); t += step) starts.push(new Date(t));
  return starts;
}

/** A bucket as its plot labels it: "14:00" within a day, "Mar 3" by day, "Mar 3 14:00" for hours across days. */
export function bucketLabel(start: Date, bucket: Bucket): string {
  const iso = start.toISOString();
  const month = start.toLocaleString("en-GB", { month: "short", timeZone: "UTC" });
  const date = `${month} ${String(start.getUTCDate())}`;
  return bucket === "day" ? date : `${date} ${iso.slice(11, 16)}`;
}
