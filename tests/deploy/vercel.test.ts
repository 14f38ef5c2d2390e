import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { appEntries, reaches } from "./imports";

const root = path.resolve(import.meta.dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

const vercelSchema = z.object({
  framework: z.literal("nextjs"),
  buildCommand: z.string(),
  functions: z.record(z.string(), z.object({ maxDuration: z.number().int().positive() })),
});
const vercel = vercelSchema.parse(JSON.parse(read("vercel.json")));

/** The `export const maxDuration = N` a route declares, which Next hands Vercel; undefined when it has none. */
function routeMaxDuration(file: string): number | undefined {
  const match = /^export const maxDuration = (\d+);$/m.exec(read(file));
  return match ? Number(match[1]) : undefined;
}

function routeFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => path.join(dir, file));
}

describe("vercel.json", () => {
  it("builds with npm run vercel-build, which package.json defines", () => {
    expect(vercel.buildCommand).toBe("npm run vercel-build");
    const scripts = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(read("package.json")));
    expect(scripts.scripts["vercel-build"]).toBe("tsx scripts/vercel-build.ts");
  });

  it("gives the Inngest endpoint the 300 seconds a step may take", () => {
    expect(vercel.functions["app/api/inngest/route.ts"]?.maxDuration).toBe(300);
  });

  it("names only routes that exist, each with the duration its own file exports", () => {
    for (const [file, { maxDuration }] of Object.entries(vercel.functions)) {
      expect(fs.existsSync(path.join(root, file)), `${file} exists`).toBe(true);
      expect(routeMaxDuration(file), `${file} exports maxDuration = ${String(maxDuration)}`).toBe(maxDuration);
    }
  });

  it("covers every route that reads documents or the store, so reading, hashing or parsing is not cut at the default", () => {
    const readers = appEntries().filter(
      (file) =>
        path.basename(file) === "route.ts" &&
        (reaches(file, "ai/sandbox/index.ts") || reaches(file, "services/storage/index.ts")),
    );
    expect(readers).toContain(path.join("app", "api", "uploads", "[uploadId]", "complete", "route.ts"));
    for (const file of readers) expect(vercel.functions[file]?.maxDuration, file).toBeGreaterThanOrEqual(60);
  });

  it("keeps every route's maxDuration within the 300 seconds Vercel allows without Fluid compute's extension", () => {
    const declared = routeFiles("app").flatMap((file) => {
      const seconds = routeMaxDuration(file);
      return seconds === undefined ? [] : [{ file, seconds }];
    });
    expect(declared.map((d) => d.file)).toContain(path.join("app", "api", "inngest", "route.ts"));
    for (const { file, seconds } of declared) expect(seconds, file).toBeLessThanOrEqual(300);
  });
});
