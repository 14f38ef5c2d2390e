import { existsSync } from "node:fs";
import path from "node:path";
import { loadPromptMeta, promptFiles, type PromptMeta } from "@/ai/evals/prompts";
import { readRecord, recordedDir, type EvalRecord } from "./records";

export type GateInputs = {
  prompts: PromptMeta[];
  /** Files in ai/prompts/ that are neither index.ts nor named like a prompt version. */
  misnamed: string[];
  record: (version: string) => EvalRecord | null;
  hasAnswers: (version: string) => boolean;
};

const recordCommand = "npm run eval -- --provider anthropic --record";

function nextVersion(version: string): string {
  const match = /^(.*-v)(\d+)$/.exec(version);
  return match ? `${match[1] ?? ""}${String(Number(match[2]) + 1)}` : `${version}-v2`;
}

/**
 * What keeps each prompt version from shipping: no eval record, a record made for other text (the file changed
 * after it was scored) or another version, a tested model the record did not score, no stored answers for CI's
 * replay. Each problem says what to run; none means the gate is open.
 */
export function gateProblems(inputs: GateInputs): string[] {
  const problems = inputs.misnamed.map(
    (file) =>
      `ai/prompts/${file} is not named like a prompt version (<name>-v<N>.ts); only prompt versions and index.ts belong in ai/prompts/.`,
  );
  const seen = new Map<string, string>();
  for (const prompt of inputs.prompts) {
    const { file, version } = prompt;
    const recordFile = `evals/records/${version}.json`;
    const answers = `evals/recorded/${version}/`;
    const recordIt = `make it the current prompt in ai/prompts/index.ts and run \`${recordCommand}\` with ANTHROPIC_API_KEY set, then commit ${recordFile} and ${answers}`;
    const other = seen.get(version);
    if (other) problems.push(`${file} and ${other} both export version "${version}"; each version is one file.`);
    seen.set(version, file);
    if (path.basename(file) !== `${version}.ts`)
      problems.push(`${file} exports version "${version}"; name the file ${version}.ts so its record is found.`);
    const record = inputs.record(version);
    if (!record) {
      problems.push(`${file} (${version}) has no eval record: ${recordIt}.`);
      continue;
    }
    if (record.promptVersion !== version)
      problems.push(
        `${recordFile} records version "${record.promptVersion}", not "${version}": record ${version} again (${recordIt}).`,
      );
    if (record.promptSha256 !== prompt.sha256) {
      const next = nextVersion(version);
      problems.push(
        `${file} changed after it was scored: ${recordFile} was recorded for sha256 ${record.promptSha256}, the file is now ${prompt.sha256}. A shipped prompt is never edited: undo the change, or copy it to ai/prompts/${next}.ts with version "${next}", point ai/prompts/index.ts at it, run \`${recordCommand}\` with ANTHROPIC_API_KEY set, and commit evals/records/${next}.json and evals/recorded/${next}/.`,
      );
    }
    const unscored = prompt.testedWith.filter((model) => !record.models.includes(model));
    if (unscored.length)
      problems.push(
        `${file} says it was tested with ${unscored.join(", ")}, which ${recordFile} did not score: run \`${recordCommand} --models ${prompt.testedWith.join(",")}\` with ANTHROPIC_API_KEY set.`,
      );
    if (!inputs.hasAnswers(version))
      problems.push(`${answers} holds no recorded answers for CI's replay: ${recordIt}.`);
  }
  return problems;
}

/** The gate over this repository's prompts and records. */
export async function repositoryGateProblems(): Promise<string[]> {
  const { prompts, misnamed } = promptFiles();
  const metas = await Promise.all(prompts.map((f) => loadPromptMeta(path.join("ai", "prompts", f))));
  return gateProblems({
    prompts: metas,
    misnamed,
    record: (version) => readRecord(version),
    hasAnswers: (version) => existsSync(path.join(recordedDir, version)),
  });
}
