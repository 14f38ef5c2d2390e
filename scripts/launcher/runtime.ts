import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { isLive, processStartTime } from "@/db/embedded/lock";

const runtimeSchema = z.object({
  pid: z.number().int().positive(),
  startTime: z.string().nullable().default(null),
  appUrl: z.string().optional(),
  databaseUrl: z.string(),
  inngest: z.object({ baseUrl: z.string(), eventKey: z.string() }).nullable(),
});

/** What a running Keel tells other local processes (`npm run keel`): where its database and engine are. */
export type Runtime = z.infer<typeof runtimeSchema>;

const file = (dataDir: string) => path.resolve(dataDir, "runtime.json");

export function writeRuntime(dataDir: string, runtime: Omit<Runtime, "startTime">): void {
  fs.mkdirSync(path.resolve(dataDir), { recursive: true });
  const record: Runtime = { ...runtime, startTime: processStartTime(runtime.pid) };
  fs.writeFileSync(file(dataDir), JSON.stringify(record), { mode: 0o600 });
}

export function removeRuntime(dataDir: string): void {
  fs.rmSync(file(dataDir), { force: true });
}

/**
 * The running Keel's runtime, or null when none runs: a file left by a killed Keel, one whose pid now belongs to
 * another process, or a damaged one does not count (the next start writes it anew).
 */
export function readRuntime(dataDir: string): Runtime | null {
  let parsed: ReturnType<typeof runtimeSchema.safeParse>;
  try {
    parsed = runtimeSchema.safeParse(JSON.parse(fs.readFileSync(file(dataDir), "utf8")));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  return isLive(parsed.data) ? parsed.data : null;
}
