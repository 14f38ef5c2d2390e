import { withTimeout } from "@/lib/timeout";
import { inngest } from "@/services/events/client";

type Payload = Parameters<typeof inngest.send>[0];

/** Sends events to Inngest (or the embedded engine), giving up after `timeoutMs` so no request hangs on it. */
export async function sendEvents(payload: Payload, timeoutMs = 10_000): Promise<void> {
  const sending = (async () => {
    await inngest.send(payload);
  })();
  await withTimeout("sending events to Inngest", timeoutMs, sending);
}
