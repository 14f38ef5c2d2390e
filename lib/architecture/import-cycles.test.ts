import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles } from "./import-graph";
import { sourceGraph } from "./layers";

const root = path.resolve(import.meta.dirname, "../..");

describe("imports", () => {
  it("form no cycle in Keel's own code, type-only imports included", () => {
    const graph = sourceGraph(root);
    expect(graph.size).toBeGreaterThan(300);
    expect(importCycles(graph)).toEqual([]);
  });

  it("finds a cycle, however it is written", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(importCycles(graph)).toEqual(["a.ts → b.ts → c.ts → a.ts"]);
  });
});
