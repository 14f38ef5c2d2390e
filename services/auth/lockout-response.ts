import type { NextRequest } from "next/server";
import { latestLock } from "@/db/queries/sign-in";
import { lockoutMessage } from "@/domain/sign-in-throttle";
import { clientAddress, throttleKeys } from "./credentials";

type Handler = (request: NextRequest) => Promise<Response>;

async function typedEmail(request: Request): Promise<string> {
  if (!request.headers.get("content-type")?.includes("application/x-www-form-urlencoded")) return "";
  const form = await request.formData().catch(() => null);
  const email = form?.get("email");
  return typeof email === "string" ? email.trim().toLowerCase() : "";
}

/**
 * Auth.js answers every refused sign-in on its own route with a redirect to the sign-in page. A locked one becomes
 * 429 with Retry-After instead, which is what a script hammering the route should get; the page's form keeps its
 * sentence.
 */
export function answerLockoutWith429(post: Handler): Handler {
  return async (request) => {
    // Auth.js reads the body; the copy is parsed only for a locked sign-in, not for every POST to the route.
    const copy = request.clone();
    const response = await post(request);
    const location = response.headers.get("location");
    if (!location || new URL(location, request.url).searchParams.get("code") !== "locked") return response;
    const now = new Date();
    const keys = throttleKeys(await typedEmail(copy), clientAddress(request.headers)).map((k) => k.key);
    const retryAt = (await latestLock(keys, now)) ?? new Date(now.getTime() + 60_000);
    const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
    return Response.json(
      { error: { code: "rate_limited", message: lockoutMessage(retryAt, now) } },
      { status: 429, headers: { "retry-after": String(seconds) } },
    );
  };
}
