import { extractDeterministic } from "@/ai/deterministic/extract";
import { adversarialShapes } from "@/ai/deterministic/testing/adversarial";
import { extractPlainText } from "@/ai/text/text";

/**
 * `npm run bench:extractor [bytes]`: plain-text reading plus the deterministic extractor, in milliseconds per MB,
 * for each hostile text shape at 1× and 10× a base size (200 KB unless given). Linear code shows about the same
 * figure at both sizes; a quadratic one shows ten times more. Figures are printed, never asserted.
 */
const base = Number(process.argv[2] ?? 200_000);

function msPerMb(text: string): number {
  const bytes = new TextEncoder().encode(text);
  const started = performance.now();
  extractDeterministic(extractPlainText(bytes));
  return ((performance.now() - started) * 1_000_000) / bytes.length;
}

console.log(
  `${"shape".padEnd(38)} ${"1× ms/MB".padStart(10)} ${"10× ms/MB".padStart(10)}   (1× = ${String(base)} bytes)`,
);
for (const shape of adversarialShapes) {
  const one = msPerMb(shape.make(base));
  const ten = msPerMb(shape.make(base * 10));
  console.log(`${shape.name.padEnd(38)} ${one.toFixed(0).padStart(10)} ${ten.toFixed(0).padStart(10)}`);
}
