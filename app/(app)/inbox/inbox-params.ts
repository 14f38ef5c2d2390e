import { z } from "zod";
import { inboxSorts, type InboxCursor, type InboxFilter, type InboxSort } from "@/db/queries/inbox";
import { taskStatuses } from "@/domain/tasks/lifecycle";
import { isCurrencyCode, parseAmount } from "@/domain/money";
import { taskTypes } from "@/domain/routing";

export const inboxAges = { "1h": 1, "24h": 24, "3d": 72, "7d": 168 } as const;
export type InboxAge = keyof typeof inboxAges;

const rawSchema = z.object({
  view: z.enum(["queue", "mine"]).catch("queue"),
  status: z.enum(taskStatuses).catch("open"),
  type: z.enum(taskTypes).optional().catch(undefined),
  vendor: z.uuid().optional().catch(undefined),
  age: z
    .enum(Object.keys(inboxAges) as [InboxAge, ...InboxAge[]])
    .optional()
    .catch(undefined),
  currency: z.string().trim().toUpperCase().optional().catch(undefined),
  min: z.string().trim().optional().catch(undefined),
  max: z.string().trim().optional().catch(undefined),
  sort: z.enum(inboxSorts).catch("oldest"),
  after: z.string().optional().catch(undefined),
});

export type InboxParams = z.infer<typeof rawSchema>;

export type ParsedInboxParams = {
  params: InboxParams;
  filter: InboxFilter;
  sort: InboxSort;
  after: InboxCursor | undefined;
  /** What was wrong with the filters as given, in words a person can act on; those filters are not applied. */
  problems: string[];
};

const cursorSchema = z.object({ key: z.string().max(64), id: z.uuid() });

export function encodeCursor(cursor: InboxCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(text: string): InboxCursor | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/**
 * Whether a cursor's key is what its sort's column holds, so PostgreSQL can read it back: a crafted key (a word
 * where a time belongs, 31 February, an amount past bigint) is a stale link, not a database error.
 */
export function cursorFitsSort(cursor: InboxCursor, sort: InboxSort): boolean {
  if (sort === "amount")
    return /^-?\d{1,19}$/.test(cursor.key) && BigInt(cursor.key) >= int64.min && BigInt(cursor.key) <= int64.max;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/.exec(cursor.key);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

/**
 * The inbox's URL as a filter, a sort and a page. Unknown values fall back to the defaults; amounts that cannot be
 * read are reported, not guessed.
 */
export function parseInboxParams(raw: Record<string, string | string[] | undefined>, now: Date): ParsedInboxParams {
  const single: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") single[key] = first;
  }
  const params = rawSchema.parse(single);
  const problems: string[] = [];
  const filter: InboxFilter = { view: params.view, status: params.status, type: params.type, vendorId: params.vendor };
  if (params.age) filter.createdBefore = new Date(now.getTime() - inboxAges[params.age] * 3_600_000);

  if (params.min || params.max) {
    const currency = params.currency ?? "";
    if (!isCurrencyCode(currency)) {
      problems.push("Choose the currency the amounts are in; amounts in different currencies are not compared.");
    } else {
      const read = (text: string | undefined, label: string) => {
        if (!text) return undefined;
        const minor = parseAmount(text, currency);
        if (minor === null) problems.push(`Type the ${label} amount as a number, such as 5,000 or 5000.00.`);
        return minor ?? undefined;
      };
      // An unreadable bound is left out; the currency and any readable bound still narrow the list.
      filter.amount = { currency, minMinor: read(params.min, "smallest"), maxMinor: read(params.max, "largest") };
    }
  } else if (params.currency && isCurrencyCode(params.currency)) {
    filter.amount = { currency: params.currency };
  }

  const decoded = params.after ? decodeCursor(params.after) : undefined;
  const after = decoded && cursorFitsSort(decoded, params.sort) ? decoded : undefined;
  if (params.after && !after) problems.push("That page link is no longer valid; showing the first page.");
  return { params, filter, sort: params.sort, after, problems };
}

/** The inbox URL for these params with some changed; `undefined` removes one. Changing anything but the page starts over. */
export function inboxHref(params: InboxParams, change: Partial<Record<keyof InboxParams, string | undefined>>): string {
  const merged: Record<string, string | undefined> = { ...params, ...change };
  if (!("after" in change)) delete merged.after;
  const defaults: Record<string, string> = { view: "queue", status: "open", sort: "oldest" };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value !== undefined && value !== "" && defaults[key] !== value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `/inbox?${text}` : "/inbox";
}
