import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { build } from "esbuild";

import { workerBundleDir, workerBundleFile, workerExternals, workerTraceFile } from "@/lib/deploy/worker-bundle";

type FileTrace = (files: string[], options: { base: string; processCwd: string }) => Promise<{ fileList: Set<string> }>;
// The tracer Next itself uses for `.nft.json`, so the bundle's externals are found as a route's would be.
const { nodeFileTrace } = createRequire(import.meta.url)("next/dist/compiled/@vercel/nft") as {
  nodeFileTrace: FileTrace;
};

/**
 * Files the externals load that no static trace finds: tesseract.js picks its WebAssembly core and spawns its
 * worker script by computed paths, and reads the model as data.
 */
const runtimeFiles = [
  "node_modules/tesseract.js/src/worker-script/node/index.js",
  "node_modules/tesseract.js-core/tesseract-core*",
  "node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz",
];

/**
 * Bundles the document reader into one ES module with everything but its externals inlined, then traces what it
 * loads at run time into `workerTraceFile`, which next.config.ts hands Next as traced files for every route
 * that starts a reader. Where Keel runs without its checkout (standalone, Vercel), this is the reader.
 */
export async function buildWorkerBundle(root: string): Promise<string[]> {
  fs.rmSync(path.join(root, workerBundleDir), { recursive: true, force: true });
  const outfile = path.join(root, workerBundleFile);
  await build({
    absWorkingDir: root,
    entryPoints: ["ai/sandbox/worker.ts"],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    external: workerExternals,
    // Bundled CommonJS calls require() for Node's built-ins, which an ES module lacks.
    banner: {
      js: 'import { createRequire as keelRequire } from "node:module"; const require = keelRequire(import.meta.url);',
    },
    logLevel: "warning",
    legalComments: "none",
  });
  const trace = await nodeFileTrace([outfile, ...expand(root, runtimeFiles)], { base: root, processCwd: root });
  const files = [...trace.fileList].filter((file) => !file.startsWith(".next/")).sort();
  fs.writeFileSync(path.join(root, workerTraceFile), `${JSON.stringify(files, null, 2)}\n`);
  return files;
}

/** The few globs above, as files: nft takes paths. */
function expand(root: string, patterns: string[]): string[] {
  return patterns.flatMap((pattern) => {
    const dir = path.dirname(pattern);
    const name = path.basename(pattern);
    if (!name.includes("*")) return [path.join(root, pattern)];
    const prefix = name.slice(0, name.indexOf("*"));
    const found = fs.readdirSync(path.join(root, dir)).filter((file) => file.startsWith(prefix));
    if (found.length === 0) throw new Error(`No ${pattern} in ${root}: run npm install.`);
    return found.map((file) => path.join(root, dir, file));
  });
}
