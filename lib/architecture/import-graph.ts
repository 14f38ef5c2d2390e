import fs from "node:fs";
import path from "node:path";

/** Every import and re-export of a TypeScript file, type-only ones included: a cycle of types is a cycle too. */
const importPattern = /^(?:import|export)\s[^'"]*?\sfrom\s+["']([^"']+)["']/gmu;

/** What a file imports, as written: `@/…`, relative paths and package names. */
export function importSpecifiers(file: string): string[] {
  return [...fs.readFileSync(file, "utf8").matchAll(importPattern)].map((match) => match[1] ?? "");
}

/** The repository's TypeScript files under `folders` (or named as files; tests left out), each with the files it imports. */
export function importGraph(root: string, folders: readonly string[]): Map<string, string[]> {
  const files = new Set(folders.flatMap((folder) => sourceFiles(path.join(root, folder))));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const imported: string[] = [];
    for (const specifier of importSpecifiers(file)) {
      const target = resolve(root, file, specifier, files);
      if (target) imported.push(target);
    }
    graph.set(
      path.relative(root, file),
      imported.map((f) => path.relative(root, f)),
    );
  }
  return graph;
}

/** Each cycle found by a depth-first walk, as the files around it: `a → b → a`. */
export function importCycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].join(" → "));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

export function sourceFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  if (fs.statSync(folder).isFile()) return [folder];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory())
      return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : sourceFiles(full);
    return /\.tsx?$/u.test(entry.name) && !/\.test\.tsx?$/u.test(entry.name) ? [full] : [];
  });
}

function resolve(root: string, from: string, specifier: string, files: Set<string>): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (base === null) return null;
  return [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((candidate) => files.has(candidate)) ?? null;
}
