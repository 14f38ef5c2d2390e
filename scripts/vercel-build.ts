import { spawnSync } from "node:child_process";
import path from "node:path";
import { childEnv } from "@/lib/env";
import { vercelBuild } from "@/scripts/deploy/vercel-build";
import { buildWorkerBundle } from "@/scripts/deploy/worker-bundle";
import { workerBundleFile } from "@/lib/deploy/worker-bundle";

/** `npm run vercel-build`, Vercel's build command (vercel.json): checks, migrates production, builds. */
// Raw, not env(): a missing variable here is a finding to list, not a reason to stop at the first.
vercelBuild(childEnv({}), {
  build: async () => {
    // Before `next build`, which traces the bundle into the routes that start a document reader.
    const traced = await buildWorkerBundle(process.cwd());
    console.log(`Built ${workerBundleFile} (${String(traced.length)} runtime files traced).`);
    const next = path.resolve("node_modules", ".bin", "next");
    const result = spawnSync(next, ["build"], { stdio: "inherit", env: childEnv({ NEXT_TELEMETRY_DISABLED: "1" }) });
    return result.status ?? 1;
  },
  log: (line) => console.log(line),
  warn: (text) => console.error(text),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
