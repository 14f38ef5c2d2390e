import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { readRuntime, writeRuntime } from "./runtime";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function dataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keel-runtime-"));
  dirs.push(dir);
  return dir;
}

it("finds the Keel that wrote it while that process lives", () => {
  const dir = dataDir();
  writeRuntime(dir, { pid: process.pid, appUrl: "http://127.0.0.1:3000", databaseUrl: "postgres://x", inngest: null });
  expect(readRuntime(dir)).toMatchObject({ pid: process.pid, appUrl: "http://127.0.0.1:3000" });
});

it.each([
  ["damaged JSON", "{not json"],
  ["the wrong shape", JSON.stringify({ pid: "twelve" })],
  ["a dead pid", JSON.stringify({ pid: 2 ** 22 + 17, startTime: null, databaseUrl: "postgres://x", inngest: null })],
  [
    "a pid since given to another process",
    JSON.stringify({ pid: process.pid, startTime: "1", databaseUrl: "postgres://x", inngest: null }),
  ],
])("ignores a runtime.json with %s, so the next start writes it anew", (_, content) => {
  const dir = dataDir();
  fs.writeFileSync(path.join(dir, "runtime.json"), content);
  expect(readRuntime(dir)).toBeNull();
});
