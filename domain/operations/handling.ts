import { z } from "zod";

/** The most one report may carry: the browser flushes every 15 s, so a minute is a report that was held back. */
export const maxHandlingReportMs = 60_000;

/** One report of handling time from a task page: the milliseconds counted since the last report. */
export const handlingReportSchema = z.object({
  ms: z
    .number('Send the milliseconds counted as a number: { "ms": 15000 }.')
    .int("Send whole milliseconds, such as 15000.")
    .min(1, "Send at least 1 ms; a page that counted nothing sends no report.")
    .max(
      maxHandlingReportMs,
      `Send at most ${String(maxHandlingReportMs)} ms per report; report more often rather than in one large sum.`,
    ),
});

export type HandlingReport = z.infer<typeof handlingReportSchema>;

/** How long without a pointer, key or scroll before an open page stops counting: a tab left alone is not handling. */
export const handlingIdleMs = 120_000;

/** How often a task page reports what it counted. */
export const handlingFlushMs = 15_000;
