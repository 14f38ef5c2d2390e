/**
 * Prompt ticket-draft-v2: ticket-draft-v1's text, unchanged (that file stays under its own eval record, so the text
 * cannot drift), tested with the 5.5 models Keel defaults to since claude-sonnet-4-5 retired on 30 Nov 2026, which are
 * asked without a forced tool choice. Never edit a shipped version: copy it to ticket-draft-v3 and switch
 * ai/prompts/index.ts.
 */
export const version = "ticket-draft-v2";

/** The models this version was scored against: the lanes' primary and fallback (ai/providers.ts, lib/env.ts). */
export const testedWith = ["claude-sonnet-5-5", "claude-haiku-5-5"] as const;

export { toolName, system, userMessage, correctionMessage, type TicketFacts } from "./ticket-draft-v1";
