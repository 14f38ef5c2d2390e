import { EnvError, parseEnv } from "../env";

/** The variables parseEnv refuses in `source`, each with its sentence, or none: what the env tests assert on. */
export function envProblems(source: Record<string, string>): EnvError["problems"] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}
