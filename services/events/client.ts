import { Inngest } from "inngest";

/**
 * Keel's Inngest client. Where it sends events and how it signs is set by the standard INNGEST_* variables alone
 * (validated in lib/env.ts): the launcher points them at the embedded engine, a deployment at Inngest Cloud.
 */
export const inngest = new Inngest({ id: "keel" });
