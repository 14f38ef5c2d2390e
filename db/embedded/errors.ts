/** A start-up failure of the embedded PostgreSQL, worded for the person who started Keel. */
export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

type SystemError = { code?: string; path?: string; message?: string };

/** One sentence for a file-system failure while preparing `what`, saying what to do about it. */
export function explainFileError(error: unknown, what: string): EmbeddedPostgresError {
  const e = error as SystemError;
  const where = e.path ?? what;
  switch (e.code) {
    case "ENOSPC":
      return new EmbeddedPostgresError(`The disk holding ${where} is full. Free some space, then start Keel again.`);
    case "EROFS":
      return new EmbeddedPostgresError(
        `${where} is on a read-only file system. Give Keel a writable folder (KEEL_DATA_DIR=/some/writable/folder), or set DATABASE_URL.`,
      );
    case "EACCES":
    case "EPERM":
      return new EmbeddedPostgresError(
        `Keel may not write ${where} (permission denied). Start Keel as the user who owns this folder, or point KEEL_DATA_DIR at a folder you may write.`,
      );
    case "EDQUOT":
      return new EmbeddedPostgresError(
        `Your disk quota is used up where ${where} lives. Free some space, then start Keel again.`,
      );
    default:
      return new EmbeddedPostgresError(`Could not prepare ${what}: ${e.message ?? String(error)}`);
  }
}

/** What PostgreSQL's own log lines say went wrong, as a sentence with the fix; null when nothing is recognised. */
export function explainServerLog(log: string, dataDir: string): string | null {
  if (/No space left on device/i.test(log)) {
    return `The disk holding ${dataDir} is full, so PostgreSQL cannot write its data. Free some space, then start Keel again.`;
  }
  if (/Read-only file system/i.test(log)) {
    return `${dataDir} is on a read-only file system. Make it writable, or set KEEL_DATA_DIR to a writable folder (or DATABASE_URL).`;
  }
  if (/Disk quota exceeded/i.test(log)) {
    return `The disk quota is used up where ${dataDir} lives. Free some space, then start Keel again.`;
  }
  if (/Permission denied/i.test(log)) {
    return `PostgreSQL may not read or write ${dataDir} (permission denied): ${lastProblem(log) ?? "see above"}. Check the folder's owner and permissions, or set DATABASE_URL.`;
  }
  const problem = lastProblem(log);
  if (problem) {
    return (
      `PostgreSQL could not start on the data in ${dataDir}: ${problem}. ` +
      `The folder may be damaged: move it aside (keep it, your data is in it) to start with an empty database, or set DATABASE_URL.`
    );
  }
  return null;
}

/**
 * The last FATAL or PANIC line PostgreSQL logged (initdb says "initdb: error: …"); failing that, the last lines it
 * printed, which is how it reports a data folder it cannot recognise at all.
 */
export function lastProblem(log: string): string | null {
  const lines = log
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const last = lines.filter((line) => /\b(FATAL|PANIC|error):/.test(line)).at(-1);
  if (last) return last.replace(/^.*?\b(FATAL|PANIC|error):\s*/, "").trim();
  const tail = lines
    .slice(-3)
    .join(" ")
    .replace(/^postgres:\s*/, "");
  return tail ? tail.slice(0, 400) : null;
}
