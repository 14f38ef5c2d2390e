import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { productionEnvProblems } from "@/lib/env-production";

const root = path.resolve(import.meta.dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const guide = read("docs/deploy.md");

describe("docs/deploy.md", () => {
  it("explains every variable a production build can ask for", () => {
    const asked = productionEnvProblems({ KEEL_STORAGE: "s3", INNGEST_DEV: "1" }).map((problem) => problem.name);
    expect(asked.length).toBeGreaterThan(5);
    for (const name of asked) expect(guide, name).toContain(`\`${name}\``);
  });

  it("tells a self-hoster every secret compose.yaml refuses to start without", () => {
    const required = new Set([...read("compose.yaml").matchAll(/\$\{(\w+):\?/g)].map((match) => match[1] ?? ""));
    expect(required.size).toBeGreaterThan(3);
    for (const name of required) expect(guide, name).toMatch(new RegExp(`^\\s*${name}=`, "m"));
  });

  it("names only npm scripts and files that exist", () => {
    const scripts = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(read("package.json")));
    const named = [...guide.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1] ?? "");
    expect(named).toContain("vercel-build");
    for (const name of named) expect(Object.keys(scripts.scripts), `npm run ${name}`).toContain(name);
    const files = [...guide.matchAll(/\b((?:scripts|ai|tests)\/[\w/.-]+\.ts)\b/g)].map((match) => match[1] ?? "");
    expect(files).toContain("scripts/check-production-env.ts");
    for (const file of files) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
  });

  it("states the durations vercel.json gives the Inngest endpoint and the upload routes", () => {
    const vercel = z
      .object({ functions: z.record(z.string(), z.object({ maxDuration: z.number() })) })
      .parse(JSON.parse(read("vercel.json")));
    const inngest = vercel.functions["app/api/inngest/route.ts"]?.maxDuration;
    const upload = vercel.functions["app/api/documents/route.ts"]?.maxDuration;
    expect(guide.replace(/\s+/g, " ")).toContain(
      `gives \`/api/inngest\` ${String(inngest)} seconds (each workflow step must finish within it) and the upload routes ${String(upload)} seconds`,
    );
  });
});
