import { existsSync } from "node:fs";
import path from "node:path";

import { workerBundleFile } from "@/lib/deploy/worker-bundle";

export type WorkerLaunch = { entry: string; execArgv: string[] };

// Only ever run in dev and tests: kept out of the traced files, where it could not run without tsx anyway.
const workerSource = path.join(/*turbopackIgnore: true*/ "ai", "sandbox", "worker.ts");

/**
 * How to start a document reader. In production, the bundle `npm run build` made: standalone output and Vercel
 * ship neither the TypeScript source nor tsx. Otherwise (dev, tests) the source through tsx, so an edit takes
 * effect at once and a bundle left from an earlier build is never run.
 */
export function workerLaunch(production: boolean, root = process.cwd()): WorkerLaunch {
  // Not followed by Next's tracer, which would otherwise ship the whole project: next.config.ts traces the bundle.
  const bundle = path.join(/*turbopackIgnore: true*/ root, workerBundleFile);
  if (production && existsSync(/*turbopackIgnore: true*/ bundle)) return { entry: bundle, execArgv: [] };
  const source = path.join(/*turbopackIgnore: true*/ root, workerSource);
  if (existsSync(/*turbopackIgnore: true*/ source)) return { entry: source, execArgv: ["--import", "tsx"] };
  throw new Error(
    production
      ? `Keel's document reader ${workerBundleFile} is not in ${root}: build with \`npm run build\` (not \`next build\` alone) and ship ${workerBundleFile} with the app.`
      : `Keel's document reader ${workerSource} is not in ${root}; start Keel from its folder.`,
  );
}
