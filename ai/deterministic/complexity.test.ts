import { describe, expect, it } from "vitest";
import { extractPlainText } from "@/ai/text/text";
import { extractDeterministic } from "./extract";
import { adversarialShapes } from "./testing/adversarial";

// Sizes at which the quadratic code took seconds at ten times the size; linear code takes milliseconds.
const base = 20_000;

function fastest(text: string): number {
  const bytes = new TextEncoder().encode(text);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    extractDeterministic(extractPlainText(bytes));
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe("the deterministic extractor grows linearly with hostile text", () => {
  for (const shape of adversarialShapes) {
    it(`ten times more ${shape.name} takes about ten times as long`, () => {
      fastest(shape.make(base / 10));
      const small = fastest(shape.make(base));
      const large = fastest(shape.make(base * 10));
      expect(large).toBeLessThan(30 * small + 100);
    }, 60_000);
  }
});
