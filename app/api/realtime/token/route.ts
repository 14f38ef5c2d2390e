import { liveReadPermission, liveTargetSchema } from "@/domain/realtime";
import { AppError } from "@/lib/errors";
import { handleSessionRoute } from "@/lib/http";
import { authorize } from "@/services/auth/session";
import { liveSubscription } from "@/services/realtime/subscription";

/** A subscription token for the page's live updates: `{ kind: "document" | "ticket", id }` or `{ kind: "inbox" }`. */
export async function POST(request: Request): Promise<Response> {
  return handleSessionRoute(request, async () => {
    const parsed = liveTargetSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success)
      throw new AppError(
        "bad_request:realtime",
        'Send JSON naming what to follow: { "kind": "document" | "ticket", "id": "<uuid>" } or { "kind": "inbox" }.',
      );
    const user = await authorize(liveReadPermission(parsed.data));
    return Response.json(await liveSubscription(user, parsed.data), { headers: { "cache-control": "no-store" } });
  });
}
