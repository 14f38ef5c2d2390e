import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { User } from "@/db/schema";
import { pause } from "../../tests/engine/processes";

const FIXTURES = "ai/deterministic/fixtures";

/** Keel's sample documents, invoices and orders alike: some post on their own, others open tasks. */
export function loadFixtures(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => fs.readFileSync(path.join(FIXTURES, f), "utf8"));
}

/**
 * Submits one document through Keel's real intake, again and again while PostgreSQL is away: the same bytes come
 * back as the same document, so a retry after a commit whose answer was lost adds nothing.
 */
export async function submit(text: string, filename: string, stopAt: number): Promise<string> {
  const { receiveDocument } = await import("@/services/documents/receive");
  for (;;) {
    try {
      const { document } = await receiveDocument({
        bytes: new TextEncoder().encode(text),
        filename,
        source: "api",
        actor: { id: null, label: "chaos" },
      });
      return document.id;
    } catch (error) {
      if (Date.now() > stopAt) throw error;
      await pause(500);
    }
  }
}

/**
 * Approves every open task on the run's documents through the real decide() service, by each of the two approvers
 * in the task's currency in turn, so four-eyes tasks get their second person. Returns the refusals, by reason, for the report.
 */
export async function approveOpenTasks(
  databaseUrl: string,
  documentIds: string[],
  approvers: User[],
  refusals: Map<string, number>,
  refusedTasks: Set<string>,
): Promise<void> {
  if (documentIds.length === 0) return;
  const { decide } = await import("@/services/tasks/decide");
  const open = await withConnection(
    databaseUrl,
    (sql) =>
      sql<
        { id: string; currency: string | null }[]
      >`select id, currency from tasks where status = 'open' and document_id = any(${documentIds}::uuid[])`,
  );
  for (const { id, currency } of open) {
    // An approval limit is in one currency: the task goes to the pair of approvers whose limit is in its own.
    const pair = approvers.filter((a) => a.approvalCurrency === (currency ?? "EUR"));
    let refused = 0;
    for (const approver of pair) {
      const result = await decide(approver, id, { action: "approve" });
      // Only a four-eyes task still needs the second approver.
      if (result.ok && result.data.resolved) break;
      if (result.ok) continue;
      refused++;
      refusals.set(result.message, (refusals.get(result.message) ?? 0) + 1);
    }
    if (pair.length === 0 || refused === pair.length) refusedTasks.add(id);
  }
}

/**
 * A connection of its own for each look: one opened while PostgreSQL restarts can be left unusable by the driver
 * (porsager/postgres#1208).
 */
export async function withConnection<T>(url: string, query: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    return await query(sql);
  } finally {
    await sql.end({ timeout: 0 });
  }
}
