/**
 * The prompt version in use; bump by adding a new file, never by editing a shipped one, and record its eval before it
 * ships (`npm run eval -- --provider anthropic --record`): the prompt gate (evals/prompt-gate.test.ts) fails otherwise.
 */
export * as extractPrompt from "./extract-v2";
export * as ticketDraftPrompt from "./ticket-draft-v2";
