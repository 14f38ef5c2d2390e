import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const evalsDir = import.meta.dirname;
export const recordsDir = path.join(evalsDir, "records");
export const recordedDir = path.join(evalsDir, "recorded");

const tally = z.object({ correct: z.number().int().min(0), total: z.number().int().min(0) });
export const fieldTalliesSchema = z.record(z.string(), tally);
export type FieldTallies = z.infer<typeof fieldTalliesSchema>;

/** Where the answers came from: Anthropic's API (at its base URL) or the repository's local fake of it. */
export const recordSources = ["anthropic", "fake-messages-api"] as const;
export type RecordSource = (typeof recordSources)[number];

/**
 * `evals/records/<promptVersion>.json`: one prompt version scored on the frozen cases, per model it was tested
 * with. The prompt gate holds the prompt file to `promptSha256`; `--provider recorded` replays the answers kept in
 * `evals/recorded/<promptVersion>/`.
 */
export const evalRecordSchema = z.object({
  promptVersion: z.string().min(1),
  promptSha256: z.string().regex(/^[0-9a-f]{64}$/, "a sha256 in hex"),
  models: z.array(z.string().min(1)).min(1),
  provider: z.literal("anthropic"),
  source: z.enum(recordSources),
  baseUrl: z.string().min(1),
  recordedAt: z.iso.datetime(),
  cases: z.number().int().min(0),
  /** The eval case files (evals/cases/) that were among the cases, by id. */
  caseFiles: z.array(z.string()),
  scores: z.record(z.string(), z.object({ fixtures: fieldTalliesSchema, caseFiles: fieldTalliesSchema })),
});
export type EvalRecord = z.infer<typeof evalRecordSchema>;

export const recordFile = (promptVersion: string, dir = recordsDir) => path.join(dir, `${promptVersion}.json`);

/** The record of a prompt version; null when there is none, an error naming the file when it is malformed. */
export function readRecord(promptVersion: string, dir = recordsDir): EvalRecord | null {
  const file = recordFile(promptVersion, dir);
  if (!existsSync(file)) return null;
  const parsed = evalRecordSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${path.relative(process.cwd(), file)} is not an eval record: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}.`,
    );
  return parsed.data;
}

/** Writes JSON as Prettier would, so recorded files pass `prettier --check` as they are committed. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  // Loaded only when recording: prettier is a dev dependency, and replaying needs none.
  const { format, resolveConfig } = await import("prettier");
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(value), { ...options, filepath: file }));
}

export async function writeRecord(record: EvalRecord, dir = recordsDir): Promise<string> {
  const file = recordFile(record.promptVersion, dir);
  await writeJson(file, evalRecordSchema.parse(record));
  return file;
}
