import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { Middleware } from "inngest";
import { correlationFromEvent, withCorrelation } from "@/lib/telemetry/correlation";
import { withSpan } from "@/lib/telemetry/span";

/**
 * Traces Inngest's calls to serve(): a span per call and per step run, correlated by the ids in the run's event.
 * A call continues the trace in its `traceparent` header (the embedded engine sends the one its event came with;
 * Inngest Cloud sends its own); under Next.js its request span has already done that, and is the parent instead.
 * No header, or one that is not W3C, starts a new trace.
 */
export class TracingMiddleware extends Middleware.BaseMiddleware {
  readonly id = "keel-tracing";

  override async wrapRequest({ fn, next, requestInfo, runId }: Middleware.WrapRequestArgs) {
    if (!fn) return next();
    const parent = trace.getActiveSpan()
      ? context.active()
      : propagation.extract(ROOT_CONTEXT, { ...requestInfo.headers });
    const body = await requestInfo.body();
    const ids = correlationFromEvent(isRecord(body) ? body.event : undefined);
    return context.with(parent, () =>
      withCorrelation(ids, () =>
        withSpan(
          `inngest.request ${fn.id()}`,
          {
            "inngest.function.id": fn.id(),
            "inngest.run.id": runId,
            "inngest.step.id": requestInfo.url.searchParams.get("stepId") ?? "step",
          },
          async (span) => {
            const response = await next();
            span.setAttribute("http.response.status_code", response.status);
            return response;
          },
          SpanKind.SERVER,
        ),
      ),
    );
  }

  override wrapFunctionHandler({ ctx, next }: Middleware.WrapFunctionHandlerArgs) {
    // No span here: on a call that finds a new step, next() never settles, and the span would never end.
    return withCorrelation(correlationFromEvent(ctx.event), () => next());
  }

  override wrapStepHandler({ ctx, fn, next, stepInfo }: Middleware.WrapStepHandlerArgs) {
    return withCorrelation(correlationFromEvent(ctx.event), () =>
      withSpan(
        `inngest.step ${stepInfo.options.id}`,
        {
          "inngest.function.id": fn.id(),
          "inngest.run.id": ctx.runId,
          "inngest.step.id": stepInfo.options.id,
          "inngest.step.type": String(stepInfo.stepType),
          "inngest.attempt": ctx.attempt,
        },
        () => next(),
      ),
    );
  }

  override wrapSendEvent({ events, next }: Middleware.WrapSendEventArgs) {
    const names = [...new Set(events.map((event) => event.name))];
    const ids = events.length === 1 ? correlationFromEvent(events[0]) : {};
    return withCorrelation(ids, () =>
      withSpan(
        "inngest.send",
        { "inngest.event.names": names, "inngest.event.count": events.length },
        () => next(),
        SpanKind.PRODUCER,
      ),
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
