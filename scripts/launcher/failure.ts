import { EmbeddedPostgresError } from "@/db/embedded";
import { explainFileError } from "@/db/embedded/errors";
import { EnvError } from "@/lib/env";
import { StartupError } from "./database";

/**
 * Any failure while Keel starts, as the sentence a person can act on: the errors Keel words itself as they are,
 * a file-system failure (full or read-only disk, no permission) by its cause, anything else by its message — never
 * a stack trace, which helps only a developer (LOG_LEVEL=debug prints it). The CLI's own messages need no lead.
 */
export function describeStartupFailure(error: unknown, options: { debug?: boolean; lead?: string } = {}): string {
  const { debug = false, lead = "Keel could not start: " } = options;
  if (error instanceof StartupError || error instanceof EmbeddedPostgresError || error instanceof EnvError)
    return error.message;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && ["ENOSPC", "EROFS", "EACCES", "EPERM", "EDQUOT"].includes(code)) {
    return explainFileError(error, "Keel's data folder").message;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  return `${lead}${message}${stack}`;
}
