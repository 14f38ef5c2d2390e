import { channel } from "inngest/realtime";
import { liveChannel, liveMessageSchema, liveTopic, type LiveTarget } from "@/domain/realtime";

const live = channel({
  name: (target: LiveTarget) => liveChannel(target),
  topics: { [liveTopic]: { schema: liveMessageSchema } },
});

/** The topic a target's changes are published on, as the Inngest client takes it. */
export function liveTopicRef(target: LiveTarget) {
  return live(target)[liveTopic];
}
