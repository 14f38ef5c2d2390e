import fs from "node:fs";
import path from "node:path";

import { importGraph } from "@/lib/architecture/import-graph";

export const root = path.resolve(import.meta.dirname, "..", "..");

// Every folder an app entry may reach (lib/architecture/layers.json); read once for all the questions below.
const graph = importGraph(root, [
  "app",
  "components",
  "services",
  "inngest",
  "ai",
  "intake",
  "db",
  "engine",
  "domain",
  "lib",
]);

/** Whether loading `file` loads `target` through any chain of imports (both repository-relative). */
export function reaches(file: string, target: string): boolean {
  const seen = new Set<string>();
  const pending = [file];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next === target) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(graph.get(next) ?? []));
  }
  return false;
}

/** The app's entries, each a function of its own on Vercel: route handlers, pages and the actions beside them. */
export function appEntries(): string[] {
  return fs
    .readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" })
    .filter((file) => /(^|\/)(route\.ts|page\.tsx|actions\.ts)$/.test(file))
    .map((file) => path.join("app", file))
    .sort();
}

/** The route Next names an entry's function with: `app/(app)/settings/alerts/page.tsx` is `/settings/alerts`. */
export function routeOf(entry: string): string {
  const segments = path
    .dirname(entry)
    .split(path.sep)
    .slice(1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}
