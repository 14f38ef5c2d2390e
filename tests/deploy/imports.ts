import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");

const importPattern =
  /(?:import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** The repository file an `@/` or relative specifier names, or null for a package. */
function resolveSpecifier(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")];
  return candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile()) ?? null;
}

/** The repository files `file` imports at run time (type-only imports load nothing). */
function runtimeImports(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  return [...source.matchAll(importPattern)].flatMap((match) => {
    if (match[1]) return [];
    const resolved = resolveSpecifier(file, match[2] ?? match[3] ?? "");
    return resolved ? [resolved] : [];
  });
}

/** Whether loading `file` (repository-relative) loads `target` (repository-relative) through any chain of imports. */
export function reaches(file: string, target: string): boolean {
  const goal = path.join(root, target);
  const seen = new Set<string>();
  const pending = [path.join(root, file)];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next === goal) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...runtimeImports(next));
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
