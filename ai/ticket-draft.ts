import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { languageCodeSchema, ticketIntents, ticketPriorities } from "@/domain/tickets/classification";
import { classify, effortConfig, noToolCall, type Effort } from "./anthropic";
import { backoffDelay } from "./backoff";
import { ProviderError } from "./errors";
import { describeProblems } from "./model-output";
import type { Usage } from "./pricing";
import type { CallRecord } from "./provider";
import { ticketDraftPrompt } from "./prompts";

/** What the model must record for a ticket; anything else is malformed and gets one correction turn. */
export const ticketDraftOutputSchema = z.object({
  intent: z.enum(ticketIntents),
  priority: z.enum(ticketPriorities),
  language: languageCodeSchema,
  confidence: z.number().min(0).max(1),
  reply: z.string().trim().min(1).max(20_000),
  refundMinor: z.number().int().nonnegative().nullable(),
});
export type TicketDraftOutput = z.infer<typeof ticketDraftOutputSchema>;

const inputSchema = z.toJSONSchema(ticketDraftOutputSchema, {
  target: "draft-7",
}) as Anthropic.Messages.Tool.InputSchema;

export type TicketDraftCall = {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  timeoutMs: number;
  maxAttempts: number;
  effort?: Effort | undefined;
  facts: ticketDraftPrompt.TicketFacts;
  /** Reported once per request, success or failure, as the extraction chain reports its calls. */
  onCall: (call: CallRecord) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  /** The eval records and replays the Messages API's raw answers through this; the SDK's own fetch otherwise. */
  fetch?: typeof globalThis.fetch;
};

type Message = Anthropic.Messages.MessageParam;
const noUsage: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };

/**
 * One lane's draft of a ticket through the real SDK (its own retries off): transient failures retried here with
 * capped jittered backoff, malformed output corrected once with the validation errors, anything else thrown as a
 * ProviderError the lane reports as not ok.
 */
export async function draftTicketReply(call: TicketDraftCall): Promise<TicketDraftOutput> {
  const client = new Anthropic({
    apiKey: call.apiKey,
    baseURL: call.baseURL,
    maxRetries: 0,
    timeout: call.timeoutMs,
    ...(call.fetch ? { fetch: call.fetch } : {}),
  });
  const sleep = call.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const base = { provider: `anthropic:${call.model}`, model: call.model, promptVersion: ticketDraftPrompt.version };
  const messages: Message[] = [{ role: "user", content: ticketDraftPrompt.userMessage(call.facts) }];
  let corrected = false;
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    let response: Anthropic.Messages.Message;
    try {
      response = await client.messages.create({
        model: call.model,
        max_tokens: 8192, // adaptive thinking counts toward it
        system: [{ type: "text", text: ticketDraftPrompt.system, cache_control: { type: "ephemeral" } }],
        tools: [
          { name: ticketDraftPrompt.toolName, description: "Record the ticket's draft.", input_schema: inputSchema },
        ],
        // No forced tool_choice: the 5.5 models refuse it with a 400, and the prompt asks for the tool call.
        messages,
        ...effortConfig(call.effort),
      });
    } catch (error) {
      const failure = classify(error);
      const status = failure.detail.status;
      await call.onCall({
        ...base,
        attempt,
        outcome: "error",
        errorClass: status ? `${failure.failureClass}:${String(status)}` : failure.failureClass,
        usage: noUsage,
        latencyMs: performance.now() - started,
      });
      if (failure.failureClass !== "transient" || attempt + 1 >= call.maxAttempts) throw failure;
      await sleep(failure.detail.retryAfterMs ?? backoffDelay(attempt, { baseMs: 1_000, capMs: 20_000 }));
      continue;
    }
    const toolUse = response.content.find((block) => block.type === "tool_use");
    const parsed = ticketDraftOutputSchema.safeParse(toolUse?.input);
    await call.onCall({
      ...base,
      attempt,
      outcome: parsed.success ? "ok" : "invalid_output",
      errorClass: parsed.success ? null : "invalid_output",
      usage: {
        inputTokens: response.usage.input_tokens + (response.usage.cache_creation_input_tokens ?? 0),
        outputTokens: response.usage.output_tokens,
        cachedTokens: response.usage.cache_read_input_tokens ?? 0,
      },
      latencyMs: performance.now() - started,
    });
    if (parsed.success) return parsed.data;
    if (!toolUse) throw new ProviderError("invalid_output", noToolCall(response, ticketDraftPrompt.toolName));
    if (corrected)
      throw new ProviderError(
        "invalid_output",
        `The model's draft failed its schema:\n${describeProblems(parsed.error)}`,
      );
    corrected = true;
    messages.push(
      { role: "assistant", content: response.content },
      {
        role: "user",
        content: [
          {
            type: "tool_result",
            tool_use_id: toolUse.id,
            is_error: true,
            content: ticketDraftPrompt.correctionMessage(describeProblems(parsed.error)),
          },
        ],
      },
    );
  }
}
