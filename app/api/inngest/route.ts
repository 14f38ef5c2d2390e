import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// public: the engine (or Inngest Cloud) calls this; the SDK verifies its signature in cloud mode.
export const { GET, POST, PUT } = serve({ client: inngest, functions });

// A step may run as long as the platform allows; Vercel reads this.
export const maxDuration = 300;
