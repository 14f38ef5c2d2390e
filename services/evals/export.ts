import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { listEvalCases } from "@/db/queries/eval-cases";
import { caseFileContent, evalCaseOf } from "./case-file";

export type ExportedCase = { id: string; file: string; changed: boolean };

/**
 * Writes every stored eval case as `<dir>/<id>.json`, each checked against the case schema before anything is
 * written. A file whose content is already the same is left untouched; other files in the folder are kept.
 */
export async function exportEvalCases(dir: string): Promise<ExportedCase[]> {
  const files = (await listEvalCases()).map((row) => {
    const evalCase = evalCaseOf(row);
    return { id: evalCase.id, file: path.join(dir, `${evalCase.id}.json`), content: caseFileContent(evalCase) };
  });
  await mkdir(dir, { recursive: true });
  const exported: ExportedCase[] = [];
  for (const { id, file, content } of files) {
    const before = await readFile(file, "utf8").catch(() => null);
    const changed = before !== content;
    if (changed) {
      // Through a temporary file, so `npm run eval` never reads half a case.
      await writeFile(`${file}.tmp`, content);
      await rename(`${file}.tmp`, file);
    }
    exported.push({ id, file, changed });
  }
  return exported;
}
