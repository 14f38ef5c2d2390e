import postgres from "postgres";

export const SCHEMA = "inngest_engine";

export type Sql = postgres.Sql;
/** A connection or a transaction: every store function takes one so callers choose the transaction. */
export type Tx = postgres.Sql | postgres.TransactionSql;

/**
 * `idleTransactionMs`: the server ends a session idle inside a transaction after this long, so a client whose
 * connection died mid-transaction never leaves run rows locked behind it.
 */
export function connect(databaseUrl: string, max = 10, idleTransactionMs = 60_000): Sql {
  return postgres(databaseUrl, {
    max,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: 10,
    connection: {
      search_path: SCHEMA,
      application_name: "inngest-engine",
      idle_in_transaction_session_timeout: idleTransactionMs,
    },
  });
}

/** jsonb parameter; `undefined` becomes SQL null. */
export function json(tx: Tx, value: unknown) {
  return value === undefined ? null : tx.json(value as postgres.JSONValue);
}

const RETRYABLE = new Set(["40001", "40P01"]);

/** A database call that took so long its connection is presumed dead. */
export class DbStallError extends Error {}

/** postgres@3.4.9 can leave a pooled connection unable to write after a server restart (porsager/postgres#1208): its queries never settle. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DbStallError(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export const DB_DEADLINE_MS = 20_000;

/** Runs `work` again on serialization failures and deadlocks (concurrent engines touch the same rows). */
async function retried<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 8) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}

/** A transaction retried on serialization failures and deadlocks. */
export async function transaction<T>(
  sql: Sql,
  body: (tx: postgres.TransactionSql) => Promise<T>,
  deadlineMs = DB_DEADLINE_MS,
): Promise<T> {
  return retried(async () => (await withDeadline(pipelined(sql, body), deadlineMs, "transaction")) as T);
}

/**
 * A transaction whose BEGIN goes out with its first statement: `sql.begin` waits for BEGIN's answer before the body
 * runs, one round trip more per transaction. The body sees the same transaction either way.
 */
async function pipelined<T>(sql: Sql, body: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  const connection = await sql.reserve();
  try {
    const begun = connection`begin`.execute();
    // Awaited below; a failed BEGIN also fails the body's first statement, which reports it first.
    begun.catch(() => {});
    const result = await body(connection as unknown as postgres.TransactionSql);
    await begun;
    await connection`commit`;
    return result;
  } catch (error) {
    await connection`rollback`.catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}

/**
 * One statement in a transaction of its own (no BEGIN or COMMIT round trips), retried like `transaction` on
 * serialization failures and deadlocks.
 */
export async function statement<T>(sql: Sql, body: (sql: Sql) => Promise<T>, deadlineMs = DB_DEADLINE_MS): Promise<T> {
  return retried(() => withDeadline(body(sql), deadlineMs, "statement"));
}
