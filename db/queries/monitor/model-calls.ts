import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/index";
import type { MetricWindow } from "@/domain/monitor/window";
import { at, text, textOrNull } from "./outcomes";

export type ModelCallGroup = {
  provider: string;
  model: string;
  promptVersion: string | null;
  calls: number;
  errors: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  costMicros: number;
};

const inWindow = (window: MetricWindow) => sql`at >= ${at(window.from)} and at < ${at(window.to)}`;

/**
 * Calls made in the window per provider, model and prompt version, with their latency percentiles (interpolated,
 * to a tenth of a millisecond) and spend.
 */
export async function selectModelCallGroups(window: MetricWindow, tx: Executor = db()): Promise<ModelCallGroup[]> {
  const rows = await tx.execute(sql`
    select provider, model, prompt_version, count(*) as calls,
      count(*) filter (where outcome <> 'ok') as errors,
      round(percentile_cont(0.5) within group (order by latency_ms)::numeric, 1) as p50,
      round(percentile_cont(0.95) within group (order by latency_ms)::numeric, 1) as p95,
      sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens, sum(cached_tokens) as cached_tokens,
      sum(cost_micros) as cost_micros
    from model_calls where ${inWindow(window)}
    group by 1, 2, 3 order by calls desc, 1, 2, 3`);
  return rows.map((r) => ({
    provider: text(r.provider),
    model: text(r.model),
    promptVersion: textOrNull(r.prompt_version),
    calls: Number(r.calls),
    errors: Number(r.errors),
    p50LatencyMs: Number(r.p50),
    p95LatencyMs: Number(r.p95),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    cachedTokens: Number(r.cached_tokens),
    costMicros: Number(r.cost_micros),
  }));
}

/** Failed calls in the window by provider and error class ("unknown" when the provider gave none). */
export async function selectModelErrors(
  window: MetricWindow,
  tx: Executor = db(),
): Promise<{ provider: string; errorClass: string; calls: number }[]> {
  const rows = await tx.execute(sql`
    select provider, coalesce(error_class, outcome) as error_class, count(*) as calls
    from model_calls where ${inWindow(window)} and outcome <> 'ok'
    group by 1, 2 order by 3 desc, 1, 2`);
  return rows.map((r) => ({ provider: text(r.provider), errorClass: text(r.error_class), calls: Number(r.calls) }));
}

/**
 * Fallbacks taken: documents whose answer in the window came from another provider than the first one asked. The
 * chain asks its links in order and records every request, so the first call a document's extraction made names
 * the head of the chain, and its last good call the provider that answered.
 */
export async function selectFallbacks(
  window: MetricWindow,
  tx: Executor = db(),
): Promise<{ answeredBy: string; firstAsked: string; documents: number }[]> {
  const rows = await tx.execute(sql`
    with calls as (
      select document_id, provider, outcome, id from model_calls
      where ${inWindow(window)} and document_id is not null
    ),
    per_document as (
      select document_id,
        (array_agg(provider order by id))[1] as first_asked,
        (array_agg(provider order by id desc) filter (where outcome = 'ok'))[1] as answered_by
      from calls group by document_id
    )
    select answered_by, first_asked, count(*) as documents from per_document
    where answered_by is not null and answered_by <> first_asked
    group by 1, 2 order by 3 desc, 1, 2`);
  return rows.map((r) => ({
    answeredBy: text(r.answered_by),
    firstAsked: text(r.first_asked),
    documents: Number(r.documents),
  }));
}
