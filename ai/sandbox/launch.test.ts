import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

import { workerBundleFile } from "@/lib/deploy/worker-bundle";

import { workerLaunch } from "./launch";

const dirs: string[] = [];
function app(files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keel-launch-"));
  dirs.push(dir);
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), "");
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const source = "ai/sandbox/worker.ts";

describe("workerLaunch", () => {
  it("runs the built bundle in production, without tsx", () => {
    const root = app([workerBundleFile, source]);
    expect(workerLaunch(true, root)).toEqual({ entry: path.join(root, workerBundleFile), execArgv: [] });
  });

  it("runs the source through tsx outside production, even with a bundle from an earlier build beside it", () => {
    const root = app([workerBundleFile, source]);
    expect(workerLaunch(false, root)).toEqual({ entry: path.join(root, source), execArgv: ["--import", "tsx"] });
  });

  it("falls back to the source in production when only `next build` ran", () => {
    const root = app([source]);
    expect(workerLaunch(true, root).entry).toBe(path.join(root, source));
  });

  it("says to build with npm run build when production has neither", () => {
    expect(() => workerLaunch(true, app([]))).toThrow(/npm run build/);
  });

  it("says to start from Keel's folder in development when the source is missing", () => {
    expect(() => workerLaunch(false, app([]))).toThrow(/start Keel from its folder/);
  });
});
