import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";

/** Where the prompt versions live: one file per version, `<name>-v<N>.ts`, beside `index.ts` that picks the current one. */
export const promptsDir = path.resolve(import.meta.dirname, "..", "prompts");

const promptFileName = /^[a-z][a-z0-9-]*-v\d+\.ts$/;

/** What a prompt module must export besides its templates. */
const promptExportsSchema = z.object({
  version: z.string().regex(/^[a-z][a-z0-9-]*-v\d+$/, 'a version like "extract-v2"'),
  testedWith: z.array(z.string().min(1)).min(1, "at least one model id"),
  system: z.string().min(1),
});

export type PromptMeta = {
  /** Relative to the repository, e.g. "ai/prompts/extract-v1.ts". */
  file: string;
  version: string;
  testedWith: string[];
  sha256: string;
};

/**
 * The prompt's content hash: sha256 of the whole file's text with line endings as "\n". Strict on purpose: any
 * change to a shipped file, a comment or a template's code included, asks for a new eval record, and a checkout
 * that turns line endings into CRLF does not.
 */
export function promptSha256(text: string): string {
  return createHash("sha256").update(text.replace(/\r\n?/g, "\n"), "utf8").digest("hex");
}

/** The prompt version files in `dir`, sorted; anything else there (index.ts, tests) is not a prompt. */
export function promptFiles(dir = promptsDir): { prompts: string[]; misnamed: string[] } {
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts");
  return {
    prompts: files.filter((f) => promptFileName.test(f)).sort(),
    misnamed: files.filter((f) => !promptFileName.test(f)).sort(),
  };
}

/** Reads one prompt file's exports and hash; a missing or malformed export is an error naming the file. */
export async function loadPromptMeta(file: string, root = path.resolve(promptsDir, "..", "..")): Promise<PromptMeta> {
  const absolute = path.resolve(root, file);
  const parsed = promptExportsSchema.safeParse(await import(pathToFileURL(absolute).href));
  if (!parsed.success)
    throw new Error(
      `${file} must export version, testedWith and system: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(module)"} ${i.message}`).join("; ")}.`,
    );
  return {
    file: path.relative(root, absolute),
    version: parsed.data.version,
    testedWith: parsed.data.testedWith,
    sha256: promptSha256(readFileSync(absolute, "utf8")),
  };
}
