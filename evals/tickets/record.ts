/**
 * `ANTHROPIC_API_KEY=… npx tsx evals/tickets/record.ts`: records the current ticket draft prompt's eval against
 * Claude (ANTHROPIC_BASE_URL honoured), writing evals/records/<version>.json and evals/recorded/<version>/. Commit
 * them with the prompt. `--replay` serves the recorded answers again and fails unless the scores reproduce.
 */
import { env } from "@/lib/env";
import { recordTicketEval, replayTicketEval } from "./run";

if (process.argv.includes("--replay")) {
  const replayed = await replayTicketEval();
  console.log(JSON.stringify(replayed.scores, null, 2));
  for (const problem of replayed.problems) console.error(problem);
  process.exitCode = replayed.reproduces ? 0 : 1;
} else {
  const { ANTHROPIC_API_KEY: apiKey, ANTHROPIC_BASE_URL: baseURL } = env();
  if (!apiKey) {
    console.error("Set ANTHROPIC_API_KEY to record the ticket draft eval against Claude, or pass --replay.");
    process.exitCode = 1;
  } else {
    await recordTicketEval({
      apiKey,
      baseURL: baseURL ?? "https://api.anthropic.com",
      source: "anthropic",
      log: console.log,
    });
  }
}
