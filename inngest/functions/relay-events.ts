import { inngest } from "@/services/events/client";
import { relayUnsentEvents } from "@/services/events/relay";
import { relayUnsignalled } from "@/services/events/signals";

/**
 * A decision's wake-up is written with the decision and sent after the commit; if that send was lost (the app died,
 * the engine was unreachable) this sends it within a minute, so a run never waits for its next look at the task.
 */
export const relayEvents = inngest.createFunction(
  {
    id: "relay-events",
    name: "Re-send events the app could not send",
    triggers: [{ cron: "* * * * *" }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const sent = await step.run("relay", () => relayUnsentEvents(new Date(Date.now() - 30_000)));
    // A signal no run took yet: its run was not waiting when the decision's sender gave up, or that sender died.
    const signalled = await step.run("relay-signals", () => relayUnsignalled(new Date(Date.now() - 30_000)));
    // idle: the Runs view hides the minutely runs that found nothing to do (services/runs/runs.ts).
    return { idle: sent === 0 && signalled === 0, sent, signalled };
  },
);
