import { z } from "zod";
import { importGraph } from "./import-graph";
import table from "./layers.json";

/**
 * Keel's layers and which may import which, read from layers.json — the same table eslint.config.mjs turns into
 * `no-restricted-imports` rules. A file belongs to the last layer whose globs match it.
 */
const layersSchema = z.object({
  layers: z.array(
    z.object({
      name: z.string(),
      files: z.array(z.string()),
      may: z.array(z.string()),
      packages: z.array(z.string()).optional(),
    }),
  ),
  unchecked: z.array(z.string()),
});

export const { layers, unchecked } = layersSchema.parse(table);

export type Layer = (typeof layers)[number];

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split(/(\*\*\/|\*\*|\*)/u)
    .map((part) =>
      part === "**/"
        ? "(?:.*/)?"
        : part === "**"
          ? ".*"
          : part === "*"
            ? "[^/]*"
            : part.replace(/[.+?^${}()|[\]\\]/gu, "\\$&"),
    )
    .join("");
  return new RegExp(`^${body}$`, "u");
}

const matchers = layers.map((layer) => ({ layer, globs: layer.files.map(globToRegExp) }));
const uncheckedGlobs = unchecked.map(globToRegExp);

export function layerOf(file: string): Layer | undefined {
  return matchers.findLast(({ globs }) => globs.some((glob) => glob.test(file)))?.layer;
}

export function isUnchecked(file: string): boolean {
  return uncheckedGlobs.some((glob) => glob.test(file));
}

/** Each import that goes against the layers, as `from → to (fromLayer may not import toLayer)`. */
export function layerViolations(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    if (isUnchecked(from)) continue;
    const source = layerOf(from);
    if (!source) {
      found.push(`${from} belongs to no layer (add it to lib/architecture/layers.json)`);
      continue;
    }
    for (const to of targets) {
      const target = layerOf(to);
      if (!target || !source.may.includes(target.name))
        found.push(`${from} → ${to} (${source.name} may not import ${target?.name ?? "a file outside the layers"})`);
    }
  }
  return found;
}

/** Keel's own code as an import graph: every file under the folders the layers name, tests left out. */
export function sourceGraph(root: string): Map<string, string[]> {
  const tops = new Set(layers.flatMap((layer) => layer.files.map((glob) => glob.split("/")[0] ?? glob)));
  return importGraph(root, [...tops]);
}
