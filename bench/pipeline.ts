import fs from "node:fs";
import path from "node:path";
import { getDocumentById } from "@/db/queries/documents";
import { seedDemoVendors } from "@/db/seed";
import { quantile, startBenchKeel } from "./keel";

/**
 * `npm run bench:pipeline`: documents per minute through the whole pipeline with the offline model chain, and
 * upload → routed latency (until the document needs review or is posted), p50 and p95. Figures are printed, never
 * asserted. Real PostgreSQL (embedded), the real engine, Keel's real functions through the real serve() handler.
 */
const COUNT = Number(process.argv[2] ?? 60);
const fixtures = fs
  .readdirSync("ai/deterministic/fixtures")
  .filter((f) => f.endsWith(".txt"))
  .map((f) => fs.readFileSync(path.join("ai/deterministic/fixtures", f), "utf8"));

async function main() {
  const keel = await startBenchKeel("pipeline");
  await seedDemoVendors();
  const { receiveDocument } = await import("@/services/documents/receive");

  const started = performance.now();
  const submitted = new Map<string, number>();
  for (let i = 0; i < COUNT; i++) {
    const base = fixtures[i % fixtures.length] ?? "";
    const text = `${base}\nReference: BENCH-${String(process.pid)}-${String(i)}\n`;
    const at = performance.now();
    const { document } = await receiveDocument({
      bytes: new TextEncoder().encode(text),
      filename: `bench-${String(i)}.txt`,
      source: "api",
      actor: { id: null, label: "bench" },
    });
    submitted.set(document.id, at);
  }
  const latencies: number[] = [];
  const pending = new Set(submitted.keys());
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const doc = await getDocumentById(id);
      if (doc && !["received", "extracting"].includes(doc.status)) {
        latencies.push(performance.now() - (submitted.get(id) ?? 0));
        pending.delete(id);
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const elapsedMin = (performance.now() - started) / 60_000;
  latencies.sort((a, b) => a - b);
  console.log(
    `pipeline benchmark: ${String(COUNT)} documents, offline chain (deterministic extractor), 2-core machine`,
  );
  console.log(`  throughput: ${(COUNT / elapsedMin).toFixed(1)} documents/minute`);
  console.log(
    `  upload → routed latency: p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p95 ${quantile(latencies, 0.95).toFixed(0)} ms`,
  );

  await keel.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
