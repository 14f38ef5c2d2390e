import { serve } from "inngest/next";
import { inngest } from "@/services/events/client";
import { functions } from "@/inngest/functions";
import { inngestServeUrl } from "@/lib/env";

const serveUrl = inngestServeUrl();

// public: the engine (or Inngest Cloud) calls this; the SDK verifies its signature in cloud mode.
export const { GET, POST, PUT } = serve({
  client: inngest,
  functions,
  // Registered as configured, never from the request's Host: a PUT can only re-register where Keel really is.
  serveOrigin: serveUrl.origin,
  servePath: serveUrl.pathname,
  // In cloud mode a sync must be signed with the signing key (the engine's, the launcher's, an operator's).
  enableUnauthedSync: false,
});

// A step may run as long as the platform allows; Vercel reads this.
export const maxDuration = 300;
