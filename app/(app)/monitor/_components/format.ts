import { formatMoney } from "@/domain/money";

/** The Monitor's numbers as text, the same in every table, so a reader (and the e2e spec) compares like with like. */

export const count = (n: number): string => n.toLocaleString("en-GB");

export const milliseconds = (ms: number): string => `${count(Math.round(ms))} ms`;

export const money = (minor: number, currency: string): string => formatMoney({ minor: Math.round(minor), currency });

/** A moment in UTC to the minute, as the period's bounds are read. */
export const utc = (moment: Date): string => `${moment.toISOString().slice(0, 16).replace("T", " ")} UTC`;
