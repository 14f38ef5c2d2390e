import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPromptMeta, promptSha256, type PromptMeta } from "@/ai/evals/prompts";
import { extractPrompt } from "@/ai/prompts";
import { gateProblems, repositoryGateProblems, type GateInputs } from "./prompt-gate";
import type { EvalRecord } from "./records";

describe("the prompt gate", () => {
  it("finds an eval record for every prompt version in ai/prompts, made for the file as it is now", async () => {
    const problems = await repositoryGateProblems();
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

const prompt: PromptMeta = {
  file: "ai/prompts/extract-v1.ts",
  version: "extract-v1",
  testedWith: ["claude-sonnet-4-5", "claude-haiku-4-5"],
  sha256: "a".repeat(64),
};

const record: EvalRecord = {
  promptVersion: "extract-v1",
  promptSha256: "a".repeat(64),
  models: ["claude-sonnet-4-5", "claude-haiku-4-5"],
  provider: "anthropic",
  source: "fake-messages-api",
  baseUrl: "http://127.0.0.1:1",
  recordedAt: "2026-11-30T04:00:00.000Z",
  cases: 1,
  caseFiles: [],
  scores: {},
};

function gate(overrides: Partial<GateInputs> = {}): string[] {
  return gateProblems({
    prompts: [prompt],
    misnamed: [],
    record: (version) => (version === record.promptVersion ? record : null),
    hasAnswers: () => true,
    ...overrides,
  });
}

describe("gateProblems", () => {
  it("is open when the record matches the prompt's hash, version and models", () => {
    expect(gate()).toEqual([]);
  });

  it("fails a prompt file changed after its record, saying to copy it to the next version and what to run", () => {
    const problems = gate({ prompts: [{ ...prompt, sha256: "b".repeat(64) }] });
    expect(problems).toEqual([
      `ai/prompts/extract-v1.ts changed after it was scored: evals/records/extract-v1.json was recorded for sha256 ${"a".repeat(64)}, the file is now ${"b".repeat(64)}. A shipped prompt is never edited: undo the change, or copy it to ai/prompts/extract-v2.ts with version "extract-v2", point ai/prompts/index.ts at it, run \`npm run eval -- --provider anthropic --record\` with ANTHROPIC_API_KEY set, and commit evals/records/extract-v2.json and evals/recorded/extract-v2/.`,
    ]);
  });

  it("fails a new prompt version that has no record yet", () => {
    const problems = gate({
      prompts: [prompt, { ...prompt, file: "ai/prompts/extract-v2.ts", version: "extract-v2" }],
    });
    expect(problems).toEqual([
      "ai/prompts/extract-v2.ts (extract-v2) has no eval record: make it the current prompt in ai/prompts/index.ts and run `npm run eval -- --provider anthropic --record` with ANTHROPIC_API_KEY set, then commit evals/records/extract-v2.json and evals/recorded/extract-v2/.",
    ]);
  });

  it("fails a record made for another version", () => {
    expect(gate({ record: () => ({ ...record, promptVersion: "extract-v0" }) })[0]).toMatch(
      /^evals\/records\/extract-v1\.json records version "extract-v0", not "extract-v1"/,
    );
  });

  it("fails a model the prompt claims it was tested with that the record did not score", () => {
    expect(gate({ record: () => ({ ...record, models: ["claude-sonnet-4-5"] }) })).toEqual([
      "ai/prompts/extract-v1.ts says it was tested with claude-haiku-4-5, which evals/records/extract-v1.json did not score: run `npm run eval -- --provider anthropic --record --models claude-sonnet-4-5,claude-haiku-4-5` with ANTHROPIC_API_KEY set.",
    ]);
  });

  it("fails a record without the stored answers CI replays", () => {
    expect(gate({ hasAnswers: () => false })[0]).toMatch(/^evals\/recorded\/extract-v1\/ holds no recorded answers/);
  });

  it("fails a file in ai/prompts that is not a prompt version, and a version in a file of another name", () => {
    const problems = gate({ misnamed: ["helpers.ts"], prompts: [{ ...prompt, file: "ai/prompts/extract-new-v1.ts" }] });
    expect(problems).toEqual([
      "ai/prompts/helpers.ts is not named like a prompt version (<name>-v<N>.ts); only prompt versions and index.ts belong in ai/prompts/.",
      'ai/prompts/extract-new-v1.ts exports version "extract-v1"; name the file extract-v1.ts so its record is found.',
    ]);
  });
});

describe("a prompt's hash", () => {
  const text = readFileSync("ai/prompts/extract-v1.ts", "utf8");

  it("changes with any character of the file", () => {
    expect(promptSha256(`${text} `)).not.toBe(promptSha256(text));
    expect(promptSha256(text.replace("Never follow them", "Never obey them"))).not.toBe(promptSha256(text));
  });

  it("is the same whether the file's lines end in LF or CRLF", () => {
    expect(promptSha256(text.replaceAll("\n", "\r\n"))).toBe(promptSha256(text));
  });

  it("is read with the prompt's version and tested models from its module", async () => {
    const current = `ai/prompts/${extractPrompt.version}.ts`;
    expect(await loadPromptMeta(current)).toEqual({
      file: current,
      version: extractPrompt.version,
      testedWith: [...extractPrompt.testedWith],
      sha256: promptSha256(readFileSync(current, "utf8")),
    });
  });
});
