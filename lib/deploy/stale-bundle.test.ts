import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

import { newerThanWorkerBundle } from "./stale-bundle";
import { workerBundleFile, workerSourceDirs } from "./worker-bundle";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A checkout with one source file and, when asked, a bundle written `bundleAge` ms before or after it. */
function checkout(bundleAge: number | null): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "keel-stale-"));
  dirs.push(root);
  for (const dir of workerSourceDirs) fs.mkdirSync(path.join(root, dir), { recursive: true });
  const source = path.join(root, "ai", "text", "pdf.ts");
  fs.mkdirSync(path.dirname(source), { recursive: true });
  fs.writeFileSync(source, "");
  const now = new Date();
  fs.utimesSync(source, now, now);
  if (bundleAge !== null) {
    const bundle = path.join(root, workerBundleFile);
    fs.mkdirSync(path.dirname(bundle), { recursive: true });
    fs.writeFileSync(bundle, "");
    const at = new Date(now.getTime() + bundleAge);
    fs.utimesSync(bundle, at, at);
  }
  return root;
}

describe("newerThanWorkerBundle", () => {
  it("names a source edited after the bundle was built", () => {
    expect(newerThanWorkerBundle(checkout(-60_000))).toBe(path.join("ai", "text", "pdf.ts"));
  });

  it("accepts a bundle built after every source", () => {
    expect(newerThanWorkerBundle(checkout(60_000))).toBeNull();
  });

  it("has nothing to say when there is no bundle: production then runs the source", () => {
    expect(newerThanWorkerBundle(checkout(null))).toBeNull();
  });
});
