import type postgres from "postgres";
import { ulid } from "ulid";

const BATCH = 10_000;

type Copy = {
  table: string;
  /** The template's rows: this column equals $1. */
  where: string;
  /** SQL for the columns a copy changes, over the template row `t` and the copy's `n` (run_id, event_id, pause_id, k); $2 is the template's key. */
  set: Record<string, string>;
  /** Columns left to their defaults (serial ids). */
  omit?: string[];
};

const withKey = "jsonb_set(t.event, '{data,k}', to_jsonb(n.k)) || jsonb_build_object('id', n.event_id)";

/** Everything the engine writes for a run waiting on an event or a signal, in the order foreign keys want. */
const COPIES: Copy[] = [
  {
    table: "events",
    where: "internal_id",
    set: { internal_id: "n.event_id", id: "n.event_id", data: "jsonb_set(t.data, '{k}', to_jsonb(n.k))" },
  },
  {
    table: "runs",
    where: "id",
    set: { id: "n.run_id", event_id: "n.event_id", event: withKey, events: `jsonb_build_array(${withKey})` },
  },
  { table: "run_steps", where: "run_id", set: { run_id: "n.run_id" } },
  { table: "attempts", where: "run_id", set: { run_id: "n.run_id" }, omit: ["id"] },
  {
    table: "pauses",
    where: "run_id",
    set: {
      id: "n.pause_id",
      run_id: "n.run_id",
      event_name: "replace(t.event_name, $2, n.k)",
      match_value: "replace(t.match_value, $2, n.k)",
    },
  },
  {
    table: "jobs",
    where: "run_id",
    set: { run_id: "n.run_id", job_key: "replace(t.job_key, t.run_id, n.run_id)" },
    omit: ["id"],
  },
];

/** One INSERT … SELECT per table, its column list read from the catalog so a column added later is copied too. */
async function copyStatements(sql: postgres.Sql): Promise<Array<{ copy: Copy; text: string }>> {
  const rows = await sql<{ table_name: string; column_name: string }[]>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'inngest_engine' order by table_name, ordinal_position`;
  return COPIES.map((copy) => {
    const columns = rows
      .filter((row) => row.table_name === copy.table && !copy.omit?.includes(row.column_name))
      .map((row) => row.column_name);
    const values = columns.map((column) => copy.set[column] ?? `t.${column}`);
    const text =
      `insert into inngest_engine.${copy.table} (${columns.join(", ")}) select ${values.join(", ")} ` +
      `from inngest_engine.${copy.table} t, unnest($3::text[], $4::text[], $5::text[], $6::text[]) as n (run_id, event_id, pause_id, k) ` +
      // $2 is named in every statement, used or not, so PostgreSQL can type it.
      `where t.${copy.where} = $1::text and $2::text <> ''`;
    return { copy, text };
  });
}

/**
 * Copies a run the engine itself left waiting (its event, run row, steps, attempts, pause and wait timeout), once per
 * key: each copy has its own ids, its event's `data.k` is the key, and wherever the template's key appears in the
 * pause (a signal's name, a match value) the copy's key stands instead. Row for row what the engine writes for a run
 * waiting on an event or a signal, in a few statements, so a benchmark can hold 100 000 runs waiting in seconds.
 * Keys must have the template key's length, so each copy's state size is the template's.
 */
export async function cloneWaitingRun(sql: postgres.Sql, templateRunId: string, keys: string[]): Promise<string[]> {
  const [template] = await sql<{ event_id: string; k: string }[]>`
    select event_id, event -> 'data' ->> 'k' as k from inngest_engine.runs where id = ${templateRunId}`;
  if (!template?.k) throw new Error(`run ${templateRunId} is no template: it must exist and its event carry data.k`);
  const wrong = keys.find((key) => key.length !== template.k.length);
  if (wrong !== undefined)
    throw new Error(`key "${wrong}" must be ${String(template.k.length)} characters long, like the template's`);
  const statements = await copyStatements(sql);
  const runIds: string[] = [];
  for (let start = 0; start < keys.length; start += BATCH) {
    const k = keys.slice(start, start + BATCH);
    const runs = k.map(() => ulid());
    const events = k.map(() => ulid());
    const pauses = k.map(() => ulid());
    await sql.begin(async (tx) => {
      for (const { copy, text } of statements) {
        const from = copy.table === "events" ? template.event_id : templateRunId;
        await tx.unsafe(text, [from, template.k, runs, events, pauses, k]);
      }
    });
    runIds.push(...runs);
  }
  return runIds;
}
