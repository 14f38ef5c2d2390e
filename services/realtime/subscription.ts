import { getDocumentById } from "@/db/queries/documents";
import { getTicketById } from "@/db/queries/tickets";
import type { User } from "@/db/schema";
import { can } from "@/domain/permissions";
import { liveChannel, liveReadPermission, liveTopic, type LiveTarget } from "@/domain/realtime";
import { AppError } from "@/lib/errors";
import { inngest } from "@/services/events/client";

/** What a browser needs to subscribe with the SDK's `subscribe`: a short-lived token for one channel. */
export type LiveSubscription = { key: string; apiBaseUrl?: string | undefined; channel: string; topics: string[] };

async function exists(target: LiveTarget): Promise<boolean> {
  if (target.kind === "document") return Boolean(await getDocumentById(target.id));
  if (target.kind === "ticket") return Boolean(await getTicketById(target.id));
  return true;
}

/**
 * A subscription token for a target the user may read, and only then: the token opens the channel to whoever
 * holds it, so the check happens here, before the realtime API is asked for one.
 */
export async function liveSubscription(user: Pick<User, "role">, target: LiveTarget): Promise<LiveSubscription> {
  const permission = liveReadPermission(target);
  if (!can(user, permission)) throw new AppError(`forbidden:${permission}`);
  if (!(await exists(target))) throw new AppError(`not_found:${target.kind}`, `There is no such ${target.kind}.`);
  const channel = liveChannel(target);
  const token = await inngest.realtime.token({ channel, topics: [liveTopic] });
  if (!token.key) throw new AppError("internal:realtime", "The realtime API gave no subscription token.");
  return { key: token.key, apiBaseUrl: token.apiBaseUrl, channel, topics: [liveTopic] };
}
