import type { EngineContext } from "../context";
import { withDeadline } from "../db";

/** The message a subscriber receives, in the shape the SDK's TokenSubscription parses. */
export type RealtimeMessage = {
  kind: "data";
  channel: string;
  topic: string;
  data: unknown;
  run_id?: string;
  created_at: string;
};

export type Subscriber = { channel: string; topics: ReadonlySet<string>; deliver: (message: RealtimeMessage) => void };

/** What travels between engine processes: the message, and which process already delivered it to its own. */
type Envelope = { origin: string; message: RealtimeMessage };

const NOTIFY_CHANNEL = "inngest_engine_realtime";
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; the envelope needs the rest. */
export const MAX_MESSAGE_BYTES = 7_500;

export class MessageTooLargeError extends Error {
  constructor() {
    super(
      `a realtime message may be at most ${String(MAX_MESSAGE_BYTES)} bytes as JSON: publish an id and let the subscriber fetch the rest`,
    );
  }
}

/**
 * Every engine process LISTENs on one Postgres channel and hands what arrives to its own subscribers, so a
 * message published to any engine reaches a browser connected to any other; its own it delivers without the round trip. Nothing is stored: a subscriber
 * that is not connected when a message passes misses it, as on Inngest Cloud.
 */
export class RealtimeHub {
  private readonly byChannel = new Map<string, Set<Subscriber>>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly ctx: EngineContext) {}

  /** (Re)subscribes on the current pool: called at start and after the pool is replaced. */
  async listen(): Promise<void> {
    await this.unlisten?.().catch(() => {});
    this.unlisten = undefined;
    try {
      const sub = await withDeadline(
        this.ctx.sql.listen(NOTIFY_CHANNEL, (payload) => this.dispatch(payload)),
        this.ctx.timing.dbDeadlineMs,
        "realtime listen",
      );
      this.unlisten = () => sub.unlisten();
    } catch (error) {
      this.ctx.log.warn({ err: error }, "realtime LISTEN failed: pushes pause until the pool is replaced");
    }
  }

  async stop(): Promise<void> {
    await this.unlisten?.().catch(() => {});
    this.unlisten = undefined;
    this.byChannel.clear();
  }

  /** This process's subscribers at once; the other processes' through NOTIFY, which this one then skips. */
  async publish(message: RealtimeMessage): Promise<void> {
    const payload = JSON.stringify({ origin: this.ctx.engineId, message } satisfies Envelope);
    if (Buffer.byteLength(payload) > MAX_MESSAGE_BYTES) throw new MessageTooLargeError();
    this.deliver(message);
    await withDeadline(this.ctx.sql.notify(NOTIFY_CHANNEL, payload), this.ctx.timing.dbDeadlineMs, "realtime notify");
  }

  subscribe(subscriber: Subscriber): () => void {
    const set = this.byChannel.get(subscriber.channel) ?? new Set();
    set.add(subscriber);
    this.byChannel.set(subscriber.channel, set);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.byChannel.get(subscriber.channel) === set) this.byChannel.delete(subscriber.channel);
    };
  }

  private dispatch(payload: string) {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      this.ctx.log.warn("realtime notification that is not JSON: dropped");
      return;
    }
    if (envelope.origin !== this.ctx.engineId) this.deliver(envelope.message);
  }

  private deliver(message: RealtimeMessage) {
    for (const subscriber of this.byChannel.get(message.channel) ?? []) {
      if (subscriber.topics.has(message.topic)) subscriber.deliver(message);
    }
  }
}
