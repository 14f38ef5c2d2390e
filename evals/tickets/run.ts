import { draftTicketReply, type TicketDraftOutput } from "@/ai/ticket-draft";
import { ticketDraftPrompt } from "@/ai/prompts";
import { MODEL_ATTEMPTS } from "@/ai/providers";
import { promptSha256 } from "@/ai/evals/prompts";
import { readFileSync } from "node:fs";
import path from "node:path";
import { capturingFetch, readRecordedCases, replayFetch, writeRecordedCase, type Exchange } from "../recorded";
import { readRecord, writeRecord, type FieldTallies, type RecordSource } from "../records";
import { ticketEvalCases, type TicketEvalCase } from "./cases";

/**
 * The ticket draft prompt's eval: each frozen case drafted by each model, scored on intent, language and the refund
 * (exact minor units, or none). Recording keeps every raw answer in evals/recorded/<version>/ and the scores in
 * evals/records/<version>.json, which the prompt gate holds the prompt file to; replaying serves those answers to
 * the same provider and says whether the scores reproduce.
 */

const scoredFields = ["intent", "language", "refundMinor"] as const;

export function scoreTicketDraft(answer: TicketDraftOutput | null, expected: TicketEvalCase["expected"]): FieldTallies {
  const tallies: FieldTallies = {};
  for (const field of scoredFields)
    tallies[field] = { correct: answer !== null && answer[field] === expected[field] ? 1 : 0, total: 1 };
  return tallies;
}

function add(into: FieldTallies, more: FieldTallies): void {
  for (const [field, tally] of Object.entries(more)) {
    const current = into[field] ?? { correct: 0, total: 0 };
    into[field] = { correct: current.correct + tally.correct, total: current.total + tally.total };
  }
}

async function draftOrNull(
  model: string,
  facts: TicketEvalCase["facts"],
  connection: { apiKey: string; baseURL: string; fetch: typeof fetch },
): Promise<TicketDraftOutput | null> {
  try {
    return await draftTicketReply({
      ...connection,
      model,
      timeoutMs: 60_000,
      maxAttempts: MODEL_ATTEMPTS,
      facts,
      onCall: () => Promise.resolve(),
      sleep: () => Promise.resolve(),
    });
  } catch {
    return null;
  }
}

export type TicketEvalScores = Record<string, FieldTallies>;

/** Drafts every case with every model the prompt was tested with, keeping the answers, and writes the record. */
export async function recordTicketEval(options: {
  apiKey: string;
  baseURL: string;
  source: RecordSource;
  log: (line: string) => void;
}): Promise<TicketEvalScores> {
  const version = ticketDraftPrompt.version;
  const scores: TicketEvalScores = {};
  const answers = new Map<string, Record<string, Exchange[]>>();
  for (const model of ticketDraftPrompt.testedWith) {
    scores[model] = {};
    for (const frozen of ticketEvalCases) {
      const capture = capturingFetch();
      const answer = await draftOrNull(model, frozen.facts, { ...options, fetch: capture.fetch });
      add(scores[model], scoreTicketDraft(answer, frozen.expected));
      answers.set(frozen.id, { ...answers.get(frozen.id), [model]: capture.exchanges });
    }
    options.log(`${model}: ${JSON.stringify(scores[model])}`);
  }
  for (const [id, byModel] of answers) await writeRecordedCase({ promptVersion: version, case: id, answers: byModel });
  const file = path.resolve(import.meta.dirname, "../../ai/prompts", `${version}.ts`);
  await writeRecord({
    promptVersion: version,
    promptSha256: promptSha256(readFileSync(file, "utf8")),
    models: [...ticketDraftPrompt.testedWith],
    provider: "anthropic",
    source: options.source,
    baseUrl: options.baseURL,
    recordedAt: new Date().toISOString(),
    cases: ticketEvalCases.length,
    caseFiles: [],
    scores: Object.fromEntries(Object.entries(scores).map(([model, fixtures]) => [model, { fixtures, caseFiles: {} }])),
  });
  return scores;
}

/** Serves the recorded answers to the provider again: the scores it gets, and whether they are the record's. */
export async function replayTicketEval(): Promise<{
  scores: TicketEvalScores;
  reproduces: boolean;
  problems: string[];
}> {
  const version = ticketDraftPrompt.version;
  const record = readRecord(version);
  const recorded = readRecordedCases(version);
  if (!record || recorded.size === 0)
    return { scores: {}, reproduces: false, problems: [`${version} has no eval record or recorded answers.`] };
  const scores: TicketEvalScores = {};
  const problems: string[] = [];
  for (const model of record.models) {
    scores[model] = {};
    for (const frozen of ticketEvalCases) {
      const label = `${version} ${frozen.id} on ${model}`;
      const replay = replayFetch(recorded.get(frozen.id)?.answers[model] ?? [], label);
      const answer = await draftOrNull(model, frozen.facts, {
        apiKey: "recorded",
        baseURL: "http://recorded.invalid",
        fetch: replay.fetch,
      });
      add(scores[model], scoreTicketDraft(answer, frozen.expected));
      const overrun = replay.overrun();
      if (overrun) problems.push(overrun);
    }
    if (JSON.stringify(scores[model]) !== JSON.stringify(record.scores[model]?.fixtures))
      problems.push(
        `${model} scored ${JSON.stringify(scores[model])}, the record says ${JSON.stringify(record.scores[model]?.fixtures)}.`,
      );
  }
  return { scores, reproduces: problems.length === 0, problems };
}
