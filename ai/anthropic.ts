import Anthropic from "@anthropic-ai/sdk";
import { traceModelCall } from "@/lib/telemetry/model-call";
import { isTransientStatus, ProviderError } from "./errors";
import { describeProblems, modelOutputJsonSchema, modelOutputSchema, toExtraction } from "./model-output";
import { backoffDelay, parseRetryAfter } from "./backoff";
import { extractPrompt } from "./prompts";
import type { Usage } from "./pricing";
import type { ExtractionProvider, ProviderCall } from "./provider";

export type AnthropicOptions = {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  timeoutMs: number;
  /** Attempts per model for transient failures before the chain moves on. */
  maxAttempts: number;
  backoff: { baseMs: number; capMs: number };
  maxOutputTokens?: number;
  /** output_config.effort; left out when undefined, so a model that takes no effort setting is asked as before. */
  effort?: Effort | undefined;
  sleep?: (ms: number) => Promise<void>;
  /** The eval records and replays the Messages API's raw answers through this; the SDK's own fetch otherwise. */
  fetch?: typeof globalThis.fetch;
};

const TOOL_NAME = "record_extraction";
// Room for adaptive thinking (on by default since the 5 models, and counted as output) before the tool call; under
// the SDK's limit for a request that does not stream.
const MAX_OUTPUT_TOKENS = 16_000;
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Message = Anthropic.Messages.MessageParam;

/**
 * Claude through the real SDK, with the SDK's own retries off: transient failures are retried here, once, with
 * capped jittered backoff that honours Retry-After, so retries never multiply across layers.
 */
export function anthropicProvider(options: AnthropicOptions): ExtractionProvider {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const sleep = options.sleep ?? sleepFor;
  const name = `anthropic:${options.model}`;

  async function request(messages: Message[], attempt: number, call: ProviderCall) {
    const started = performance.now();
    const base = { provider: name, model: options.model, promptVersion: extractPrompt.version, attempt };
    try {
      const response = await client.messages.create({
        model: options.model,
        max_tokens: Math.max(256, Math.min(options.maxOutputTokens ?? MAX_OUTPUT_TOKENS, call.tokensLeft)),
        system: [{ type: "text", text: extractPrompt.system, cache_control: { type: "ephemeral" } }],
        tools: [
          {
            name: TOOL_NAME,
            description: "Record the fields extracted from the document.",
            input_schema: modelOutputJsonSchema as Anthropic.Messages.Tool.InputSchema,
          },
        ],
        // No forced tool_choice: the 5.5 models refuse it with a 400, and the prompt asks for the tool call.
        messages,
        ...effortConfig(options.effort),
      });
      const usage: Usage = {
        inputTokens: response.usage.input_tokens + (response.usage.cache_creation_input_tokens ?? 0),
        outputTokens: response.usage.output_tokens,
        cachedTokens: response.usage.cache_read_input_tokens ?? 0,
      };
      return { response, usage, latencyMs: performance.now() - started, base };
    } catch (error) {
      const latencyMs = performance.now() - started;
      const failure = classify(error);
      await call.onCall({
        ...base,
        outcome: "error",
        errorClass: failure.detail.status
          ? `${failure.failureClass}:${String(failure.detail.status)}`
          : failure.failureClass,
        usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0 },
        latencyMs,
      });
      throw failure;
    }
  }

  return {
    name,
    model: options.model,
    async extract(call) {
      const messages: Message[] = [{ role: "user", content: extractPrompt.userMessage(call.text.pages) }];
      const total: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
      let corrected = false;
      for (let attempt = 0; ; attempt++) {
        if (total.inputTokens + total.outputTokens >= call.tokensLeft) {
          throw new ProviderError("budget", "The document's token budget is spent.");
        }
        let result: Awaited<ReturnType<typeof request>>;
        try {
          result = await traceModelCall(
            { system: "anthropic", model: options.model, promptVersion: extractPrompt.version, attempt },
            () => request(messages, attempt, call),
            (answer) => answer.usage,
          );
        } catch (error) {
          if (
            !(error instanceof ProviderError) ||
            error.failureClass !== "transient" ||
            attempt + 1 >= options.maxAttempts
          ) {
            throw error;
          }
          const wait = error.detail.retryAfterMs ?? backoffDelay(attempt, options.backoff);
          await sleep(Math.min(wait, options.backoff.capMs));
          continue;
        }
        total.inputTokens += result.usage.inputTokens;
        total.outputTokens += result.usage.outputTokens;
        total.cachedTokens += result.usage.cachedTokens;
        const toolUse = result.response.content.find((block) => block.type === "tool_use" && block.name === TOOL_NAME);
        const parsed = modelOutputSchema.safeParse(toolUse?.type === "tool_use" ? toolUse.input : undefined);
        await call.onCall({
          ...result.base,
          outcome: parsed.success ? "ok" : "invalid_output",
          errorClass: parsed.success ? null : "invalid_output",
          usage: result.usage,
          latencyMs: result.latencyMs,
        });
        if (parsed.success) {
          return { extraction: toExtraction(parsed.data, call.text, name, extractPrompt.version), usage: total };
        }
        if (!toolUse || toolUse.type !== "tool_use") {
          throw new ProviderError("invalid_output", noToolCall(result.response, TOOL_NAME));
        }
        if (corrected) {
          throw new ProviderError(
            "invalid_output",
            `The model's output failed its schema:\n${describeProblems(parsed.error)}`,
          );
        }
        // One more chance with the validation errors, as a tool result to the call that produced them.
        corrected = true;
        messages.push(
          { role: "assistant", content: result.response.content },
          {
            role: "user",
            content: [
              {
                type: "tool_result",
                tool_use_id: toolUse.id,
                is_error: true,
                content: extractPrompt.correctionMessage(describeProblems(parsed.error)),
              },
            ],
          },
        );
      }
    },
  };
}

export type Effort = Anthropic.Messages.OutputConfig["effort"] & string;

/** The request's output_config for an effort level; nothing at all without one. */
export function effortConfig(effort: Effort | undefined): { output_config?: Anthropic.Messages.OutputConfig } {
  return effort ? { output_config: { effort } } : {};
}

/** Why an answer holds no call of `tool`, from its stop reason: a refusal, output cut short, or text instead. */
export function noToolCall(response: Anthropic.Messages.Message, tool: string): string {
  const { stop_reason: stop } = response;
  if (stop === "refusal") return `The model declined to answer (stop_reason "refusal") instead of calling ${tool}.`;
  if (stop === "max_tokens") {
    return `The model ran out of output tokens (its thinking counts toward them) before calling ${tool}.`;
  }
  return `The model answered without calling ${tool} (stop_reason "${String(stop)}").`;
}

/** An SDK error as the chain treats it: transient (worth another try), or permanent. */
export function classify(error: unknown): ProviderError {
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return new ProviderError("transient", "The model did not answer in time.", { code: "timeout" });
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return new ProviderError("transient", "The connection to the model failed.", { code: "connection" });
  }
  if (error instanceof Anthropic.APIError && typeof error.status === "number") {
    const { headers } = error as { headers?: Headers };
    const retryAfterMs = parseRetryAfter(headers?.get("retry-after"));
    return new ProviderError(
      isTransientStatus(error.status) ? "transient" : "permanent",
      `The model answered ${String(error.status)}: ${error.message}`,
      { status: error.status, retryAfterMs },
    );
  }
  return new ProviderError("permanent", error instanceof Error ? error.message : String(error));
}
