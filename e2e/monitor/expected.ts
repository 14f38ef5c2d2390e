import { sql } from "drizzle-orm";
import { db } from "@/db/index";
import { documentClassLabels } from "@/app/(app)/documents/_components/document-labels";
import { documentClasses } from "@/domain/documents/types";
import { extractionFieldNames, fieldLabel, type ExtractionFieldName } from "@/domain/documents/fields";
import { formatMoney, minorDigits } from "@/domain/money";
import { taskTypeLabels, taskTypes, type TaskType } from "@/domain/task-types";

/**
 * What each of the Monitor's tables should say for a period, worked out here from the rows themselves with SQL
 * of this spec's own and plain arithmetic, not through the app's monitor queries: if both were wrong the same way,
 * the spec would not notice.
 */

export type Window = { from: Date; to: Date };
/** A cell the page rounds from a mean of floats: compared within half its last digit. */
export type Approx = { approx: number; digits: number };
export type Cell = string | Approx;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ts = (moment: Date) => sql`${moment.toISOString()}::timestamptz`;
const count = (n: number) => n.toLocaleString("en-GB");
const share = (part: number, whole: number) => (whole === 0 ? "no data" : percent(part / whole));
const percent = (value: number) => `${(Math.round(value * 1000) / 10).toFixed(1)} %`;
const points = (now: number | null, then: number | null) => {
  if (now === null || then === null) return "no baseline";
  const p = Math.round((now - then) * 1000) / 10;
  return `${p > 0 ? "+" : p < 0 ? "−" : "±"}${Math.abs(p).toFixed(1)} pts`;
};
const shareOrNull = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const heading = (name: ExtractionFieldName) => fieldLabel(name, null).replace(/^./, (c) => c.toUpperCase());
const dayLabel = (start: Date) =>
  `${start.toLocaleString("en-GB", { month: "short", timeZone: "UTC" })} ${String(start.getUTCDate())}`;

type Ending = { documentId: string; outcome: "posted" | "rejected" | "failed"; at: Date };

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db().execute(query)) as unknown as T[];
}

/** Each document that reached an ending in the window and still stands there. */
async function endings(window: Window): Promise<Ending[]> {
  const found = await rows<{
    document_id: string;
    kind: string;
    dedupe_key: string | null;
    status: string;
    at: Date;
  }>(sql`
    select e.document_id, e.kind, e.dedupe_key, d.status::text as status, e.at
    from document_events e join documents d on d.id = e.document_id
    where e.at >= ${ts(window.from)} and e.at < ${ts(window.to)}`);
  const byDocument = new Map<string, Ending>();
  for (const e of found) {
    const outcome =
      e.dedupe_key === "posted" && e.status === "posted"
        ? "posted"
        : (e.dedupe_key === "finished-unposted" || e.dedupe_key === "refused-duplicate-payable") &&
            e.status === "rejected"
          ? "rejected"
          : e.kind === "failed" && e.status === "failed"
            ? "failed"
            : null;
    if (outcome) byDocument.set(e.document_id, { documentId: e.document_id, outcome, at: new Date(e.at) });
  }
  return [...byDocument.values()];
}

async function taskTypesOf(documentIds: string[]): Promise<Map<string, TaskType[]>> {
  const map = new Map<string, TaskType[]>(documentIds.map((id) => [id, []]));
  if (documentIds.length === 0) return map;
  const found = await rows<{ document_id: string; type: TaskType }>(sql`
    select document_id, type from tasks where document_id in (${sql.join(
      documentIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  for (const t of found) map.get(t.document_id)?.push(t.type);
  return map;
}

export async function throughputRows(window: Window): Promise<string[][]> {
  const received = await rows<{ created_at: Date }>(sql`
    select created_at from documents where created_at >= ${ts(window.from)} and created_at < ${ts(window.to)}`);
  const ended = await endings(window);
  const days = Math.round((window.to.getTime() - window.from.getTime()) / DAY);
  const table: string[][] = [];
  const totals = [0, 0, 0, 0];
  for (let d = 0; d < days; d++) {
    const start = window.from.getTime() + d * DAY;
    const inDay = (at: Date) => at.getTime() >= start && at.getTime() < start + DAY;
    const counts = [
      received.filter((r) => inDay(new Date(r.created_at))).length,
      ...(["posted", "rejected", "failed"] as const).map(
        (o) => ended.filter((e) => e.outcome === o && inDay(e.at)).length,
      ),
    ];
    counts.forEach((c, i) => (totals[i] = (totals[i] ?? 0) + c));
    if (counts.some((c) => c > 0)) table.push([dayLabel(new Date(start)), ...counts.map(count)]);
  }
  return [...table, ["Total", ...totals.map(count)]];
}

const bands = [0, 4, 24, 72];

export async function backlogRows(moment: Date): Promise<string[][]> {
  const open = await rows<{ type: TaskType; created_at: Date; deadline_at: Date }>(sql`
    select type, created_at, deadline_at from tasks
    where created_at < ${ts(moment)} and (status = 'open' or resolved_at >= ${ts(moment)})`);
  return taskTypes
    .filter((type) => open.some((t) => t.type === type))
    .map((type) => {
      const ofType = open.filter((t) => t.type === type);
      const ages = ofType.map((t) => (moment.getTime() - new Date(t.created_at).getTime()) / HOUR);
      const perBand = bands.map((lower, i) => ages.filter((a) => a >= lower && a < (bands[i + 1] ?? Infinity)).length);
      const overdue = ofType.filter((t) => new Date(t.deadline_at).getTime() < moment.getTime()).length;
      return [taskTypeLabels[type], ...perBand.map(count), count(ofType.length), count(overdue)];
    });
}

async function straightThroughOf(window: Window) {
  const ended = (await endings(window)).filter((e) => e.outcome !== "failed");
  const types = await taskTypesOf(ended.map((e) => e.documentId));
  const auto = ended.filter(
    (e) => e.outcome === "posted" && (types.get(e.documentId) ?? []).every((t) => t === "QA_REVIEW"),
  );
  return { decided: ended.length, auto };
}

export async function straightThroughRows(window: Window, baseline: Window): Promise<string[][]> {
  const [now, then] = [await straightThroughOf(window), await straightThroughOf(baseline)];
  return [
    ["This period", count(now.decided), count(now.auto.length), share(now.auto.length, now.decided)],
    ["Baseline", count(then.decided), count(then.auto.length), share(then.auto.length, then.decided)],
  ];
}

export async function qaRows(window: Window): Promise<string[][]> {
  const { auto } = await straightThroughOf(window);
  const ids = auto.map((a) => a.documentId);
  const qa =
    ids.length === 0
      ? []
      : await rows<{ document_id: string; action: string | null }>(sql`
    select document_id, action from tasks
    where type = 'QA_REVIEW' and status = 'resolved' and document_id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  const corrected =
    ids.length === 0
      ? []
      : await rows<{ correlation_id: string }>(sql`
    select distinct correlation_id from audit_log
    where action = 'task.fields_edited' and correlation_id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  const wrong = qa.filter((q) => q.action === "report_errors").length;
  return [
    ["Auto-posted", count(ids.length), ""],
    ["QA reviewed", count(qa.length), share(qa.length, ids.length)],
    ["Found wrong by QA", count(wrong), share(wrong, qa.length)],
    ["Corrected after posting", count(corrected.length), share(corrected.length, ids.length)],
  ];
}

type FieldFacts = { documents: number; empty: number; confidence: number | null; corrected: number };

/** Per field over the documents received in the window with a machine extraction, optionally of one vendor. */
async function fieldFacts(window: Window, vendor?: string): Promise<Map<ExtractionFieldName, FieldFacts>> {
  const latest = await rows<{
    document_id: string;
    fields: Record<string, { value?: unknown; confidence?: number }> & { lines: unknown[] };
  }>(sql`
    select distinct on (e.document_id) e.document_id, e.extraction -> 'fields' as fields
    from extractions e join documents d on d.id = e.document_id
    where d.created_at >= ${ts(window.from)} and d.created_at < ${ts(window.to)} and e.provider not like 'person:%'
      ${vendor === undefined ? sql`` : sql`and d.vendor_name = ${vendor}`}
    order by e.document_id, e.created_at desc`);
  const edits =
    latest.length === 0
      ? []
      : await rows<{ correlation_id: string; after: { changes?: { field: string }[] } }>(sql`
    select correlation_id, after from audit_log where action = 'task.fields_edited'
      and correlation_id in (${sql.join(
        latest.map((l) => sql`${l.document_id}`),
        sql`, `,
      )})`);
  const touched = (documentId: string, name: string) =>
    edits.some(
      (e) =>
        e.correlation_id === documentId &&
        (e.after.changes ?? []).some((c) => (c.field.startsWith("lines") ? "lines" : c.field) === name),
    );
  return new Map(
    extractionFieldNames.map((name) => {
      const confidences = latest
        .map((l) => (name === "lines" ? undefined : l.fields[name]?.confidence))
        .filter((c): c is number => typeof c === "number");
      const isEmpty = (l: (typeof latest)[number]) =>
        name === "lines"
          ? l.fields.lines.length === 0
          : [null, undefined, ""].includes(l.fields[name]?.value as string);
      return [
        name,
        {
          documents: latest.length,
          empty: latest.filter(isEmpty).length,
          confidence: confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : null,
          corrected: latest.filter((l) => touched(l.document_id, name)).length,
        },
      ];
    }),
  );
}

const confidenceCell = (value: number | null): Cell => (value === null ? "—" : { approx: value, digits: 2 });

/** The per-field table over all documents of the window, or one vendor's, each against the baseline's. */
export async function fieldRows(window: Window, baseline: Window, vendor?: string): Promise<Cell[][]> {
  const [now, then] = [await fieldFacts(window, vendor), await fieldFacts(baseline, vendor)];
  return extractionFieldNames.map((name) => {
    const a = now.get(name);
    const b = then.get(name);
    if (!a || !b) throw new Error(`no facts for ${name}`);
    const [emptyNow, emptyThen] = [shareOrNull(a.empty, a.documents), shareOrNull(b.empty, b.documents)];
    const [fixedNow, fixedThen] = [shareOrNull(a.corrected, a.documents), shareOrNull(b.corrected, b.documents)];
    return [
      heading(name),
      share(a.empty, a.documents),
      share(b.empty, b.documents),
      points(emptyNow, emptyThen),
      confidenceCell(a.confidence),
      confidenceCell(b.confidence),
      share(a.corrected, a.documents),
      share(b.corrected, b.documents),
      points(fixedNow, fixedThen),
    ];
  });
}

export async function classMixRows(window: Window, baseline: Window): Promise<string[][]> {
  const of = (w: Window) =>
    rows<{ document_class: string | null }>(sql`
      select document_class from documents where created_at >= ${ts(w.from)} and created_at < ${ts(w.to)}`);
  const [now, then] = [await of(window), await of(baseline)];
  return [...documentClasses, null]
    .map((cls) => {
      const [a, b] = [
        now.filter((d) => d.document_class === cls).length,
        then.filter((d) => d.document_class === cls).length,
      ];
      return { cls, a, b };
    })
    .filter((r) => r.a > 0 || r.b > 0)
    .map(({ cls, a, b }) => [
      cls ? documentClassLabels[cls] : "Not classified",
      count(a),
      share(a, now.length),
      count(b),
      share(b, then.length),
      points(shareOrNull(a, now.length), shareOrNull(b, then.length)),
    ]);
}

export async function modelCallRows(
  window: Window,
): Promise<{ calls: string[][]; errors: string[][]; fallbacks: string[][] }> {
  const groups = await rows<Record<string, string | number | null>>(sql`
    select provider, model, prompt_version, count(*)::int as calls, count(*) filter (where outcome <> 'ok')::int as errors,
      round(percentile_cont(0.5) within group (order by latency_ms)::numeric, 1)::float8 as p50,
      round(percentile_cont(0.95) within group (order by latency_ms)::numeric, 1)::float8 as p95,
      sum(input_tokens)::int as input, sum(output_tokens)::int as output, sum(cached_tokens)::int as cached,
      sum(cost_micros)::bigint as cost
    from model_calls where at >= ${ts(window.from)} and at < ${ts(window.to)}
    group by 1, 2, 3`);
  groups.sort(
    (x, y) =>
      Number(y.calls) - Number(x.calls) ||
      `${String(x.provider)}|${String(x.model)}|${String(x.prompt_version ?? "")}`.localeCompare(
        `${String(y.provider)}|${String(y.model)}|${String(y.prompt_version ?? "")}`,
      ),
  );
  const ms = (n: unknown) => `${count(Math.round(Number(n)))} ms`;
  const calls = groups.map((g) => [
    `${String(g.provider)} · ${String(g.model)} · ${g.prompt_version === null ? "no prompt" : String(g.prompt_version)}`,
    count(Number(g.calls)),
    count(Number(g.errors)),
    share(Number(g.errors), Number(g.calls)),
    ms(g.p50),
    ms(g.p95),
    count(Number(g.input)),
    count(Number(g.output)),
    count(Number(g.cached)),
    `US$${(Number(g.cost) / 1_000_000).toFixed(4)}`,
  ]);
  const all = await rows<{
    id: number;
    document_id: string | null;
    provider: string;
    outcome: string;
    error_class: string | null;
  }>(sql`
    select id, document_id, provider, outcome, error_class from model_calls
    where at >= ${ts(window.from)} and at < ${ts(window.to)} order by id`);
  const errorCounts = new Map<string, number>();
  for (const c of all.filter((c) => c.outcome !== "ok")) {
    const key = `${c.provider} · ${c.error_class ?? c.outcome}`;
    errorCounts.set(key, (errorCounts.get(key) ?? 0) + 1);
  }
  const errors = [...errorCounts]
    .sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb))
    .map(([key, n]) => [key, count(n)]);
  const perDocument = new Map<string, { first: string; answered: string | null }>();
  for (const c of all) {
    if (!c.document_id) continue;
    const seen = perDocument.get(c.document_id) ?? { first: c.provider, answered: null };
    if (c.outcome === "ok") seen.answered = c.provider;
    perDocument.set(c.document_id, seen);
  }
  const fallbackCounts = new Map<string, number>();
  for (const { first, answered } of perDocument.values())
    if (answered && answered !== first)
      fallbackCounts.set(`${first} → ${answered}`, (fallbackCounts.get(`${first} → ${answered}`) ?? 0) + 1);
  const fallbacks = [...fallbackCounts]
    .sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb))
    .map(([k, n]) => [k, count(n)]);
  return { calls, errors, fallbacks };
}

type Priced = { documents: number; micros: number; ms: number };

/**
 * Cost rows for the documents posted in the window, priced with the operating settings and the rates in force on
 * its last day, read here from their tables; `missing` is the sentence the page shows when USD cannot be converted.
 */
export async function costRows(window: Window): Promise<{
  byType: string[][];
  byVendor: string[][];
  missing: string | null;
}> {
  const [settings] = await rows<{ rate: number; currency: string }>(sql`
    select handling_hourly_rate_minor as rate, handling_rate_currency as currency from operating_settings where id = 1`);
  const rate = settings?.rate ?? 4500;
  const currency = (settings?.currency ?? "EUR").trim();
  const lastDay = new Date(window.to.getTime() - 1).toISOString().slice(0, 10);
  const rateOf = async (c: string) => {
    if (c === "EUR") return 1;
    const [row] = await rows<{ rate: string }>(sql`
      select rate::text as rate from exchange_rates where base = 'EUR' and currency = ${c} and effective_from <= ${lastDay}
      order by effective_from desc limit 1`);
    return row ? Number(row.rate) : null;
  };
  const [usd, target] = [await rateOf("USD"), await rateOf(currency)];
  const missingCurrencies = ["USD", currency].filter((c, i) => c !== "EUR" && (i === 0 ? usd : target) === null);
  const convertible = currency === "USD" || missingCurrencies.length === 0;
  const modelMinor = (micros: number) =>
    currency === "USD"
      ? micros / 10_000
      : (micros / 10_000) * ((target ?? 0) / (usd ?? 1)) * 10 ** (minorDigits(currency) - 2);

  const posted = (await endings(window)).filter((e) => e.outcome === "posted").map((e) => e.documentId);
  const types = await taskTypesOf(posted);
  const facts =
    posted.length === 0
      ? []
      : await rows<{ id: string; vendor: string | null; micros: string; ms: string }>(sql`
    select d.id, d.vendor_name as vendor,
      (select coalesce(sum(cost_micros), 0) from model_calls m where m.document_id = d.id)::text as micros,
      (select coalesce(sum(h.focused_ms), 0) from tasks t join task_handling h on h.task_id = t.id where t.document_id = d.id)::text as ms
    from documents d where d.id in (${sql.join(
      posted.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  const add = (into: Map<string | null, Priced>, key: string | null, f: (typeof facts)[number]) => {
    const p = into.get(key) ?? { documents: 0, micros: 0, ms: 0 };
    into.set(key, { documents: p.documents + 1, micros: p.micros + Number(f.micros), ms: p.ms + Number(f.ms) });
  };
  const total = new Map<string | null, Priced>();
  const byType = new Map<string | null, Priced>();
  const byVendor = new Map<string | null, Priced>();
  for (const f of facts) {
    add(total, null, f);
    add(byVendor, f.vendor, f);
    const distinct = [...new Set(types.get(f.id) ?? [])];
    if (distinct.length === 0) add(byType, null, f);
    for (const t of distinct) add(byType, t, f);
  }
  const money = (minor: number) => formatMoney({ minor: Math.round(minor), currency });
  const row = (label: string, p: Priced) => {
    const handling = (p.ms / HOUR) * rate;
    const model = convertible ? modelMinor(p.micros) : null;
    return [
      label,
      count(p.documents),
      `US$${(p.micros / 1_000_000).toFixed(4)}`,
      `${(p.ms / 60_000).toFixed(1)} min`,
      model === null ? "—" : money(model),
      money(handling),
      model === null ? "—" : money((handling + model) / p.documents),
    ];
  };
  const ordered = (map: Map<string | null, Priced>, nulls: "first" | "last") =>
    [...map].sort(
      ([ka, a], [kb, b]) =>
        b.documents - a.documents ||
        (ka === null
          ? nulls === "first"
            ? -1
            : 1
          : kb === null
            ? nulls === "first"
              ? 1
              : -1
            : ka.localeCompare(kb)),
    );
  const all = total.get(null) ?? { documents: 0, micros: 0, ms: 0 };
  return {
    byType: [
      row("All approved documents", all),
      ...ordered(byType, "first").map(([k, p]) =>
        row(k === null ? "No task (straight through)" : taskTypeLabels[k as TaskType], p),
      ),
    ],
    byVendor: ordered(byVendor, "last").map(([k, p]) => row(k ?? "No vendor", p)),
    missing: convertible
      ? null
      : `No exchange rate for ${missingCurrencies.join(" and ")} against EUR is in effect on ${lastDay}; an admin adds it in Settings → Exchange rates.`,
  };
}
