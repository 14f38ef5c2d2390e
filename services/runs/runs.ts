import { db } from "@/db/index";
import { listDocumentFilenames } from "@/db/queries/document-filenames";
import * as engine from "@/engine/read";
import { runDocumentId } from "./run-document";

/**
 * The admins' Runs view: the embedded engine's runs, read through the engine's read interface on Keel's own
 * connection (the launcher gives both one database). When Keel runs on Inngest Cloud the engine's tables do not
 * exist and engineTablesExist says so.
 */

export { runStatuses, type RunAttempt, type RunStatus, type RunStep } from "@/engine/read";

export type RunSummary = Omit<engine.RunSummary, "event"> & {
  eventName: string;
  /** The document the run works on (process-document and its failure handler); its name when Keel still has it. */
  document: { id: string; filename: string | null } | null;
};

export type RunFilter = {
  status?: engine.RunStatus | undefined;
  /** Idle runs are left out unless this is set. */
  showIdle?: boolean | undefined;
  after?: string | undefined;
  limit?: number;
};

export type RunPage = { runs: RunSummary[]; next: string | null };

/**
 * A run that finished having done nothing: its function says so with `idle: true` in its output (Keel's crons that
 * look every minute and mostly find nothing). Inngest starts a run on every cron tick whatever it will find, and a
 * cron trigger takes no `if`, so the run cannot be skipped; the Runs view hides these unless asked.
 */
const idleOutput = { idle: true };

const connection = () => db().$client;

export function engineTablesExist(): Promise<boolean> {
  return engine.hasEngineTables(connection());
}

async function withDocuments(runs: engine.RunSummary[]): Promise<RunSummary[]> {
  const ids = runs.map((run) => runDocumentId(run.event.data));
  const filenames = await listDocumentFilenames(ids.filter((id) => id !== null));
  return runs.map(({ event, ...run }, i) => {
    const id = ids[i] ?? null;
    return { ...run, eventName: event.name, document: id ? { id, filename: filenames.get(id) ?? null } : null };
  });
}

/** Newest first, keyset-paginated so deep pages stay as fast as the first. */
export async function listRuns(options: RunFilter): Promise<RunPage> {
  const page = await engine.listRuns(connection(), {
    status: options.status,
    hideCompletedWithOutput: options.showIdle ? undefined : idleOutput,
    after: options.after,
    limit: options.limit,
  });
  return { runs: await withDocuments(page.runs), next: page.next };
}

export async function getRunById(id: string): Promise<RunSummary | undefined> {
  const run = await engine.readRun(connection(), id);
  return run ? (await withDocuments([run]))[0] : undefined;
}

export function listRunSteps(runId: string): Promise<engine.RunStep[]> {
  return engine.listRunSteps(connection(), runId);
}

export function listRunAttempts(runId: string): Promise<engine.RunAttempt[]> {
  return engine.listRunAttempts(connection(), runId);
}
