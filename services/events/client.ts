import { Inngest } from "inngest";
import { TracingMiddleware } from "@/lib/telemetry/inngest-middleware";
import { tracedFetch } from "@/lib/telemetry/traced-fetch";

/**
 * Keel's Inngest client. Where it sends events and how it signs is set by the standard INNGEST_* variables alone
 * (validated in lib/env.ts): the launcher points them at the embedded engine, a deployment at Inngest Cloud.
 * Events carry the sender's trace (`traceparent`), and every call and step is traced (lib/telemetry).
 */
export const inngest = new Inngest({ id: "keel", middleware: [TracingMiddleware], fetch: tracedFetch });
