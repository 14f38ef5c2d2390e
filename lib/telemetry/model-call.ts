import { SpanKind } from "@opentelemetry/api";
import { withSpan } from "@/lib/telemetry/span";

export type ModelCallAttributes = { system: string; model: string; promptVersion: string | null; attempt: number };
export type ModelUsage = { inputTokens: number; outputTokens: number; cachedTokens: number };

/**
 * One request to a model as a span (OpenTelemetry's gen_ai conventions): which model, which prompt version, and,
 * once it answers, the tokens it took. A failed request is an error span, with the failure class when it has one.
 */
export function traceModelCall<T>(
  call: ModelCallAttributes,
  request: () => Promise<T>,
  usageOf: (result: T) => ModelUsage,
): Promise<T> {
  return withSpan(
    `chat ${call.model}`,
    {
      "gen_ai.operation.name": "chat",
      "gen_ai.system": call.system,
      "gen_ai.request.model": call.model,
      "keel.prompt_version": call.promptVersion ?? "none",
      "keel.model_attempt": call.attempt,
    },
    async (span) => {
      try {
        const result = await request();
        const usage = usageOf(result);
        span.setAttributes({
          "gen_ai.usage.input_tokens": usage.inputTokens,
          "gen_ai.usage.output_tokens": usage.outputTokens,
          "gen_ai.usage.cache_read.input_tokens": usage.cachedTokens,
        });
        return result;
      } catch (error) {
        const failureClass = (error as { failureClass?: unknown }).failureClass;
        if (typeof failureClass === "string") span.setAttribute("error.type", failureClass);
        throw error;
      }
    },
    SpanKind.CLIENT,
  );
}
