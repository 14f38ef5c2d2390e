import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { evalCaseFields, evalCaseSchema, isEvalCaseField, type EvalCase } from "@/domain/evals/case";
import { evalsDir } from "./records";

export const caseFilesDir = path.join(evalsDir, "cases");

/** A case file `npm run eval` cannot use: the message names the file and what to fix. */
export class CaseFileError extends Error {}

/** Every `*.json` in `dir`, parsed and checked; a folder that does not exist is an error, an empty one is not. */
export function readCaseFiles(dir = caseFilesDir): EvalCase[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CaseFileError(`The eval case folder ${dir} does not exist. Pass an existing folder to --cases.`);
  const cases: EvalCase[] = [];
  const seen = new Map<string, string>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const file = path.join(dir, name);
    const evalCase = parseCaseFile(file, readFileSync(file, "utf8"));
    const earlier = seen.get(evalCase.id);
    if (earlier)
      throw new CaseFileError(
        `${shown(file)}: id "${evalCase.id}" is also the id of ${earlier}; give each case its own id.`,
      );
    seen.set(evalCase.id, shown(file));
    cases.push(evalCase);
  }
  return cases;
}

export function parseCaseFile(file: string, text: string): EvalCase {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CaseFileError(`${shown(file)} is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const parsed = evalCaseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CaseFileError(
      `${shown(file)} is not an eval case (domain/evals/case.ts): ${issue?.path.join(".") || "(file)"}: ${issue?.message ?? "invalid"}.`,
    );
  }
  const unknown = Object.keys(parsed.data.expected).filter((field) => !isEvalCaseField(field));
  if (unknown.length)
    throw new CaseFileError(
      `${shown(file)}: expected.${unknown.join(", expected.")} is not a field an eval case scores; use ${evalCaseFields.join(", ")}.`,
    );
  return parsed.data;
}

const shown = (file: string) => path.relative(process.cwd(), file) || file;
