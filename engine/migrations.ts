import type { Sql } from "./db";
import { SCHEMA } from "./db";

/** PL/pgSQL: the `step.run` in `s` (jsonb: id, name, value, duration_ms) memoised for `run` at `position`. */
function memoiseStep(run: string, position: string): string {
  return `insert into ${SCHEMA}.run_steps (run_id, step_id, name, kind, status, position, value, attempts, error, ended_at, duration_ms)
    values (${run}, s->>'id', s->>'name', 'run', 'completed', ${position}, s->'value', 1, null, now(), (s->>'duration_ms')::bigint)
    on conflict (run_id, step_id) do update set
      status = excluded.status, position = excluded.position, value = excluded.value,
      attempts = greatest(run_steps.attempts, excluded.attempts),
      error = coalesce(excluded.error, run_steps.error), ended_at = now(),
      duration_ms = (extract(epoch from now() - run_steps.started_at) * 1000)::bigint,
      name = coalesce(run_steps.name, excluded.name), kind = run_steps.kind;`;
}

/**
 * A call's answer in one statement (engine/store/answer.ts). Always: the job taken off the queue and the call's
 * attempt logged if the job is still this engine's, and a first call's start stamped; the caller holds the run's
 * lock. With an inline step (the usual answer: a discovery that ran one step), the statement is a transaction of its
 * own: it locks the run, and either applies the whole answer (the step memoised, the next discovery queued, leased to
 * the engine when it has a place, with the run's function for that call) or, for anything that needs more (an ended
 * run, a memo that moved on, another request version, a state over its limit, a step already memoised, a lost
 * lease), writes nothing and says so, and the engine applies the answer itself (engine/apply.ts).
 */
const ANSWER_CALL = `
  create or replace function answer_call(p jsonb) returns jsonb language plpgsql as $fn$
  declare
    checkpointed int;
    r record;
    s jsonb := p->'inline';
    next_job record;
  begin
    if s is not null then
      select status, memo_count, state_bytes, req_version into r from ${SCHEMA}.runs where id = p->>'run' for update;
      if not found or r.status <> 'Running' or r.memo_count <> (s->>'memo_count')::int
         or r.req_version <> (s->>'req_version')::int or r.state_bytes + (s->>'bytes')::bigint > (s->>'max_state')::bigint
      then
        return jsonb_build_object('declined', true);
      end if;
      perform 1 from ${SCHEMA}.run_steps where run_id = p->>'run' and step_id = s->>'id' and position is not null;
      if found then return jsonb_build_object('declined', true); end if;
      perform 1 from ${SCHEMA}.jobs where id = (p->>'job')::bigint and lease_owner = p->>'owner' and jobs.checkpointed = 0;
      if not found then return jsonb_build_object('declined', true); end if;
    end if;
    delete from ${SCHEMA}.jobs where id = (p->>'job')::bigint and lease_owner = p->>'owner' returning jobs.checkpointed into checkpointed;
    if not found then return jsonb_build_object('checkpointed', null); end if;
    -- A call that took no slots (its function has no concurrency keys) has none to give back: a slot an earlier,
    -- crashed attempt of the job left behind lapses with its lease.
    if not (p ? 'no_slots') then
      delete from ${SCHEMA}.concurrency_slots where job_id = (p->>'job')::bigint;
    end if;
    insert into ${SCHEMA}.attempts (run_id, step_id, attempt, engine_id, started_at, ended_at, duration_ms, http_status, outcome, ops, error)
    values (p->>'run', p->'attempt'->>'step_id', (p->'attempt'->>'attempt')::int, p->>'owner',
            (p->'attempt'->>'started_at')::timestamptz, now(), (p->'attempt'->>'duration_ms')::int,
            (p->'attempt'->>'http_status')::int, p->'attempt'->>'outcome',
            case when jsonb_typeof(p->'attempt'->'ops') = 'array'
              then array(select jsonb_array_elements_text(p->'attempt'->'ops')) end,
            nullif(p->'attempt'->'error', 'null'::jsonb));
    if p ? 'first_call_at' then
      update ${SCHEMA}.runs set first_call_at = (p->>'first_call_at')::timestamptz where id = p->>'run' and first_call_at is null;
    end if;
    if s is null then return jsonb_build_object('checkpointed', checkpointed); end if;
    -- A run's first answer also names the request version its later calls are sent with.
    update ${SCHEMA}.runs set memo_count = memo_count + 1, state_bytes = state_bytes + (s->>'bytes')::bigint,
      req_version = coalesce((s->>'answered_version')::int, req_version)
    where id = p->>'run';
    ${memoiseStep("p->>'run'", "r.memo_count + 1")}
    -- The next discovery, unless steps are pending: their answers will queue it.
    perform 1 from ${SCHEMA}.run_steps where run_id = p->>'run' and position is null and status <> 'abandoned';
    if found then return jsonb_build_object('checkpointed', checkpointed, 'applied', true); end if;
    if p ? 'lease_ms' then
      insert into ${SCHEMA}.jobs (job_key, run_id, kind, step_id, attempt, payload, run_at, lease_owner, lease_until, generation)
      values (s->>'discovery_key', p->>'run', 'call', 'step', 0, null, now(), p->>'owner',
              now() + (p->>'lease_ms')::int * interval '1 millisecond', 1)
      on conflict (job_key) do nothing
      returning id, job_key, run_id, kind, step_id, attempt, payload, generation into next_job;
      if found then
        return jsonb_build_object('checkpointed', checkpointed, 'applied', true, 'leased', jsonb_build_object(
          'id', next_job.id::text, 'job_key', next_job.job_key, 'run_id', next_job.run_id, 'kind', next_job.kind,
          'step_id', next_job.step_id, 'attempt', next_job.attempt, 'payload', next_job.payload,
          'generation', next_job.generation),
          -- What the next call is made from, read here rather than by the call: the function as synced now.
          'fn', (select to_jsonb(f) from (select id, app_id, name, url, config from ${SCHEMA}.functions
                  where id = (select function_id from ${SCHEMA}.runs where id = p->>'run')) f));
      end if;
    else
      insert into ${SCHEMA}.jobs (job_key, run_id, kind, step_id, attempt, payload, run_at)
      values (s->>'discovery_key', p->>'run', 'call', 'step', 0, null, now())
      on conflict (job_key) do nothing;
      if found then perform pg_notify(p->>'channel', ''); end if;
    end if;
    return jsonb_build_object('checkpointed', checkpointed, 'applied', true);
  end
  $fn$;
`;

/**
 * Append-only: a change is a new entry, never an edit of what a database already ran. Entries that install a function
 * share its one text (ANSWER_CALL), each later one with `create or replace`, so a new database ends where an old one
 * does.
 */
const MIGRATIONS: string[] = [
  `
  create table apps (
    id text primary key,
    url text not null,
    sdk text,
    framework text,
    config jsonb not null,
    synced_at timestamptz not null default now()
  );
  create table functions (
    id text primary key,
    app_id text not null references apps(id) on delete cascade,
    name text not null,
    url text not null,
    config jsonb not null,
    updated_at timestamptz not null default now()
  );
  create table events (
    internal_id text primary key,
    id text not null,
    name text not null,
    data jsonb not null,
    ts bigint not null,
    received_at timestamptz not null default now()
  );
  create index events_id_idx on events (id);
  create index events_name_idx on events (name, received_at);
  create table event_ids (
    id text primary key,
    internal_id text not null,
    expires_at timestamptz not null
  );
  create table runs (
    id text primary key,
    function_id text not null,
    app_id text not null,
    status text not null,
    event_id text,
    event jsonb not null,
    events jsonb not null,
    output jsonb,
    error jsonb,
    max_attempts int not null,
    req_version int not null default -1,
    force_step_plan boolean not null default false,
    memo_count int not null default 0,
    parent_run_id text,
    parent_step_id text,
    started_at timestamptz not null default now(),
    ended_at timestamptz
  );
  create index runs_event_id_idx on runs (event_id);
  create index runs_function_status_idx on runs (function_id, status);
  create index runs_parent_idx on runs (parent_run_id) where parent_run_id is not null;
  create table run_steps (
    run_id text not null references runs(id) on delete cascade,
    step_id text not null,
    name text,
    kind text not null,
    status text not null,
    position int,
    value jsonb,
    race boolean not null default false,
    attempts int not null default 0,
    error jsonb,
    started_at timestamptz not null default now(),
    ended_at timestamptz,
    duration_ms int,
    primary key (run_id, step_id)
  );
  create table attempts (
    id bigserial primary key,
    run_id text not null,
    step_id text not null,
    attempt int not null,
    engine_id text not null,
    started_at timestamptz not null,
    ended_at timestamptz not null,
    duration_ms int not null,
    http_status int,
    outcome text not null,
    ops text[],
    error jsonb
  );
  create index attempts_run_idx on attempts (run_id, id);
  create table jobs (
    id bigserial primary key,
    job_key text not null unique,
    run_id text,
    kind text not null,
    step_id text,
    attempt int not null default 0,
    payload jsonb,
    run_at timestamptz not null default now(),
    lease_owner text,
    lease_until timestamptz,
    created_at timestamptz not null default now()
  );
  create index jobs_due_idx on jobs (run_at);
  create index jobs_run_idx on jobs (run_id);
  create table pauses (
    id text primary key,
    run_id text not null,
    step_id text not null,
    kind text not null,
    event_name text not null,
    expr text,
    created_at timestamptz not null default now(),
    expires_at timestamptz
  );
  create index pauses_event_idx on pauses (event_name);
  create index pauses_run_idx on pauses (run_id);
  create table idempotency_keys (
    key text primary key,
    run_id text,
    expires_at timestamptz not null
  );
  create table flow_limits (
    key text primary key,
    tat timestamptz not null
  );
  create table concurrency_slots (
    key text not null,
    job_id bigint not null,
    lease_until timestamptz not null,
    primary key (key, job_id)
  );
  create table debounces (
    key text primary key,
    function_id text not null,
    event jsonb not null,
    first_at timestamptz not null default now()
  );
  `,
  `
  alter table runs add column singleton_key text;
  create index runs_singleton_idx on runs (singleton_key) where status = 'Running' and singleton_key is not null;
  `,
  // A sleep or a wait lasts its step's duration: 2^31 ms is under 25 days. The state size backs the 32 MB limit.
  `
  alter table run_steps alter column duration_ms type bigint;
  alter table runs add column state_bytes bigint not null default 0;
  `,
  // Retention: finished runs by age, old events, what still refers to an event, expired dedupe/idempotency keys.
  `
  create index runs_finished_idx on runs (ended_at) where status <> 'Running';
  create index events_received_idx on events (received_at);
  create index event_ids_internal_idx on event_ids (internal_id);
  create index event_ids_expires_idx on event_ids (expires_at);
  create index idempotency_keys_expires_idx on idempotency_keys (expires_at);
  `,
  // Keel's Runs view lists runs newest first, by (started_at, id) keyset.
  `
  create index runs_started_idx on runs (started_at, id);
  `,
  // The W3C trace context the run's event came with, sent on every call of the run (null: none came).
  `
  alter table runs add column traceparent text, add column tracestate text;
  `,
  // timeouts: a run starts when its first call begins. Runs that already made a call count as started.
  `
  alter table runs add column first_call_at timestamptz;
  update runs set first_call_at = started_at
  where status = 'Running' and exists (select 1 from attempts a where a.run_id = runs.id);
  `,
  // Checkpointing: a claim's generation tells a live call's checkpoints from a stale one's; a call job counts the
  // steps its checkpoints memoised, so its final answer is not mistaken for one computed from an older memo.
  `
  alter table jobs add column generation int not null default 0, add column checkpointed int not null default 0;
  `,
  // waitForSignal: at most one run waits for a signal name (engine/signals.ts).
  `
  create unique index pauses_signal_key on pauses (event_name) where kind = 'signal';
  `,
  // An event reads only the pauses keyed by its own values (engine/pause-match.ts), through one index that also
  // serves the lookup by name alone; unkeyed pauses (null) stay candidates for every event of their name.
  `
  alter table pauses add column match_path text, add column match_value text;
  create index pauses_match_idx on pauses (event_name, match_path, match_value);
  drop index pauses_event_idx;
  `,
  // Checkpoints in one statement (engine/checkpoint.ts), those of several runs together so they share one commit:
  // each run locked in turn, its call checked, each new step memoised with its attempt row, as one transaction per
  // checkpoint did statement by statement. Each statement of a plpgsql function sees what committed before it, as
  // those did. A refusal writes nothing of its checkpoint and says why; the others in the batch are kept. Runs are
  // locked in the order given (engine/checkpoint.ts sorts them), jobs at the end in id order.
  `
  create function record_checkpoints(p_items jsonb, p_engine text, p_max_state bigint)
  returns jsonb language plpgsql as $fn$
  declare
    item jsonb;
    s jsonb;
    r record;
    p_run text;
    position_now int;
    state_now bigint;
    recorded int;
    fresh text[];
    outcomes jsonb := '[]'::jsonb;
    counted jsonb := '[]'::jsonb;
    c record;
    refusal jsonb;
  begin
    for item in select value from jsonb_array_elements(p_items) loop
      p_run := item->>'run';
      refusal := null;
      select status, function_id, memo_count, state_bytes into r from ${SCHEMA}.runs where id = p_run for update;
      if not found then refusal := jsonb_build_object('refused', 'unknown');
      elsif r.status <> 'Running' then refusal := jsonb_build_object('refused', lower(r.status));
      elsif r.function_id <> item->>'fn' then
        refusal := jsonb_build_object('refused', 'function', 'function_id', r.function_id);
      else
        perform 1 from ${SCHEMA}.jobs
        where id = (item->>'job')::bigint and run_id = p_run and kind = 'call' and generation = (item->>'generation')::int;
        if not found then refusal := jsonb_build_object('refused', 'stale'); end if;
      end if;
      if refusal is null then
        -- The steps not memoised yet, each once, and the state they would make: over the limit, none is kept.
        fresh := '{}';
        state_now := r.state_bytes;
        for s in select value from jsonb_array_elements(item->'steps') loop
          if s->>'id' = any(fresh) then continue; end if;
          perform 1 from ${SCHEMA}.run_steps where run_id = p_run and step_id = s->>'id' and position is not null;
          if found then continue; end if;
          state_now := state_now + (s->>'bytes')::bigint;
          if state_now > p_max_state then
            refusal := jsonb_build_object('refused', 'state', 'name', s->>'name', 'bytes', state_now);
            exit;
          end if;
          fresh := fresh || (s->>'id');
        end loop;
      end if;
      if refusal is not null then
        outcomes := outcomes || jsonb_build_array(refusal);
        continue;
      end if;
      position_now := r.memo_count;
      recorded := 0;
      for s in select value from jsonb_array_elements(item->'steps') loop
        if not (s->>'id' = any(fresh)) then continue; end if;
        fresh := array_remove(fresh, s->>'id');
        position_now := position_now + 1;
        recorded := recorded + 1;
        ${memoiseStep("p_run", "position_now")}
        insert into ${SCHEMA}.attempts (run_id, step_id, attempt, engine_id, started_at, ended_at, duration_ms, http_status, outcome, ops, error)
        values (p_run, s->>'id', 0, p_engine, to_timestamp((s->>'started_ms')::float8 / 1000), now(), (s->>'duration_ms')::bigint,
                null, 'checkpoint', array[s->>'op'], null);
      end loop;
      if recorded > 0 then
        update ${SCHEMA}.runs set memo_count = position_now, state_bytes = state_now where id = p_run;
        counted := counted || jsonb_build_array(jsonb_build_object('job', (item->>'job')::bigint, 'n', recorded));
      end if;
      outcomes := outcomes || jsonb_build_array(jsonb_build_object('recorded', recorded));
    end loop;
    -- Jobs last and in id order, as lease renewal locks them: a batch holding one job while waiting for another
    -- that a renewal holds (and the renewal the reverse) would deadlock, and a renewal lost that way lets a live
    -- call's lease lapse, so its run is called again and a step runs twice.
    for c in select (value->>'job')::bigint as job, sum((value->>'n')::int) as n
             from jsonb_array_elements(counted) group by 1 order by 1 loop
      update ${SCHEMA}.jobs set checkpointed = checkpointed + c.n where id = c.job;
    end loop;
    return outcomes;
  end
  $fn$;
  `,
  // 12: a call's answer in one statement, ANSWER_CALL. First shipped without the no_slots shortcut (13) and the
  // request version a run's first answer sets (14), which later entries bring to the databases that ran it; a new
  // database installs today's body at each.
  ANSWER_CALL,
  // 13: a run's pending steps (planned, not yet memoised) found through an index of their own, not by reading every
  // step of the run (an answer checks for them on every step); and the answer skips the slots a call never took.
  `
  create index run_steps_pending_idx on run_steps (run_id) where position is null and status <> 'abandoned';
  `,
  ANSWER_CALL,
  // 14: a run's first answer, which names the request version, applied in the one statement like every later one.
  ANSWER_CALL,
];

/** Applies pending migrations under an advisory lock, so engines starting together don't race. */
export async function migrate(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('inngest_engine.migrate'))`;
    await tx.unsafe(`create schema if not exists ${SCHEMA}`);
    await tx.unsafe(
      `create table if not exists ${SCHEMA}.schema_migrations (version int primary key, applied_at timestamptz not null default now())`,
    );
    const rows = await tx.unsafe<{ version: number }[]>(`select version from ${SCHEMA}.schema_migrations`);
    const applied = new Set(rows.map((r) => r.version));
    for (const [index, statement] of MIGRATIONS.entries()) {
      const version = index + 1;
      if (applied.has(version)) continue;
      await tx.unsafe(`set local search_path to ${SCHEMA}`);
      await tx.unsafe(statement);
      await tx.unsafe(`insert into ${SCHEMA}.schema_migrations (version) values (${version})`);
    }
  });
}
