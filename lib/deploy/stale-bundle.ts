import fs from "node:fs";
import path from "node:path";

import { workerBundleFile, workerSourceDirs } from "./worker-bundle";

/**
 * A source file changed after the reader bundle was built (a `next build` run alone after an edit or a checkout),
 * or null when the bundle is current or absent. Production runs the bundle, so a stale one would run old code.
 */
export function newerThanWorkerBundle(root: string): string | null {
  const bundle = path.join(root, workerBundleFile);
  if (!fs.existsSync(bundle)) return null;
  const built = fs.statSync(bundle).mtimeMs;
  for (const dir of workerSourceDirs) {
    for (const file of fs.readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })) {
      if (!/\.tsx?$/.test(file)) continue;
      if (fs.statSync(path.join(root, dir, file)).mtimeMs > built) return path.join(dir, file);
    }
  }
  return null;
}
