/**
 * Records the current extract prompt's eval answers against the repository's fake Messages API, for CI's replay when no real
 * Claude is reachable: `npx tsx tests/evals/record-with-fake.ts`. The record says `"source": "fake-messages-api"`;
 * it is never a Claude score. With a key, record for real instead: `npm run eval -- --provider anthropic --record`.
 */
import { extractPrompt } from "@/ai/prompts";
import { readCaseFiles } from "@/evals/case-files";
import { runAnthropicEval } from "@/evals/model-run";
import { startFakeAnthropic } from "../fakes/anthropic-server";
import { fakeModelAnswer } from "./fake-model";

const fake = await startFakeAnthropic();
fake.respond = fakeModelAnswer();
try {
  await runAnthropicEval({
    caseFiles: readCaseFiles(),
    log: console.log,
    apiKey: "fake-messages-api",
    baseURL: fake.url,
    models: extractPrompt.testedWith,
    timeoutMs: 60_000,
    record: true,
    source: "fake-messages-api",
  });
} finally {
  await fake.close();
}
