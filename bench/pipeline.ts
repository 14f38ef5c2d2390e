import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expectations } from "@/ai/deterministic/fixtures/expected";
import { terminateOcrWorker } from "@/ai/text";
import { invoicePdf, phonePhotoPng } from "@/ai/text/testing/phone-photo";
import { seedDemoVendors } from "@/db/seed";
import { quantile, startBenchKeel } from "./keel";
import { idleCpuPerSecond, singleDocumentCpuMs, untilRouted } from "./pipeline/ceiling";
import { cpuMsBetween, cpuSnapshot } from "./pipeline/cpu";
import { uploadToTask, type Receive } from "./pipeline/latency";
import { measureStages, textCpuMs } from "./pipeline/stages";

/**
 * `npm run bench:pipeline [documents] [pdfs] [photos]`: documents per minute through the whole pipeline with the
 * offline model chain and upload → routed latency with all of them at once; the CPU ceiling (one document's CPU
 * per stage, and the documents per minute the cores allow) and the throughput as a share of it; upload → task in
 * the inbox for one 1-page PDF alone and for one phone photo alone. Figures are printed, never asserted. Real
 * PostgreSQL (embedded), the real engine, Keel's real functions through the real serve() handler. Measured warm, as
 * a server runs: its document reader started at start (`warmDocumentReaders`), and a few documents through first so
 * its modules are loaded and compiled (under tsx here, by the build in production) and its connections open.
 */
const COUNT = Number(process.argv[2] ?? 60);
const PDFS = Number(process.argv[3] ?? 20);
const PHOTOS = Number(process.argv[4] ?? 5);
/** Documents through, one at a time, before anything is measured; then the ones whose CPU alone sets the ceiling. */
const WARM_UP = 4;
const ALONE = 9;
const fixtureDir = "ai/deterministic/fixtures";
const fixtures = fs
  .readdirSync(fixtureDir)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => ({ file: f, text: fs.readFileSync(path.join(fixtureDir, f), "utf8") }));

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main() {
  const keel = await startBenchKeel("pipeline");
  await seedDemoVendors();
  const { receiveDocument } = await import("@/services/documents/receive");
  const receive: Receive = (upload) =>
    receiveDocument({ ...upload, source: "api", actor: { id: null, label: "bench" } });

  const textUpload = (tag: string) => (i: number) => {
    const base = fixtures[i % fixtures.length]?.text ?? "";
    const text = `${base}\nReference: ${tag}-${String(process.pid)}-${String(i)}\n`;
    return { bytes: new TextEncoder().encode(text), filename: `${tag.toLowerCase()}-${String(i)}.txt` };
  };
  const { warmDocumentReaders } = await import("@/services/documents/readers");
  await warmDocumentReaders();
  await singleDocumentCpuMs(receive, textUpload("WARM"), WARM_UP);
  const idle = await idleCpuPerSecond();
  const aloneMs = await singleDocumentCpuMs(receive, textUpload("ALONE"), ALONE, idle ?? 0);

  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  const submitted = new Map<string, number>();
  const upload = textUpload("BENCH");
  for (let i = 0; i < COUNT; i++) {
    const at = performance.now();
    const { document } = await receive(upload(i));
    submitted.set(document.id, at);
  }
  const latencies: number[] = [];
  // One query for every document still on its way: the benchmark's own polling stays out of the CPU it measures.
  await untilRouted(submitted.keys(), (id) => latencies.push(performance.now() - (submitted.get(id) ?? 0)));
  const elapsedMin = (performance.now() - started) / 60_000;
  const cpuAfter = cpuSnapshot();
  const throughput = COUNT / elapsedMin;
  latencies.sort((a, b) => a - b);

  const byFile = new Map(expectations.map((e) => [e.file, e]));
  const stages = await measureStages(
    fixtures.flatMap((f) => {
      const expected = byFile.get(f.file);
      return expected ? [{ bytes: new TextEncoder().encode(f.text), kind: "text" as const, expected }] : [];
    }),
  );
  const cores = os.availableParallelism();

  console.log(
    `pipeline benchmark: ${String(COUNT)} documents, offline chain (deterministic extractor), ${String(cores)} cores`,
  );
  console.log(`  throughput: ${throughput.toFixed(1)} documents/minute`);
  console.log(
    `  upload → routed latency, all at once: p50 ${ms(quantile(latencies, 0.5))}, p95 ${ms(quantile(latencies, 0.95))}`,
  );
  if (cpuBefore !== null && cpuAfter !== null && aloneMs !== null && idle !== null) {
    const allAtOnceMs = cpuMsBetween(cpuBefore, cpuAfter);
    const stagesMs = stages.textMs + stages.extractionMs + stages.rulesMs;
    const ceiling = (cores * 60_000) / aloneMs;
    console.log(
      `  CPU of one document alone (median of ${String(ALONE)}; Keel's processes: app, engine, PostgreSQL, readers; above their idle ${idle.toFixed(0)} ms/s): ${aloneMs.toFixed(0)} ms`,
    );
    console.log(
      `    text ${stages.textMs.toFixed(2)} ms, extraction ${stages.extractionMs.toFixed(2)} ms, rules ${stages.rulesMs.toFixed(2)} ms, engine/app/database overhead ${(aloneMs - stagesMs).toFixed(1)} ms`,
    );
    console.log(`  CPU ceiling: ${ceiling.toFixed(0)} documents/minute on ${String(cores)} cores`);
    console.log(`  throughput / ceiling: ${(throughput / ceiling).toFixed(2)}`);
    console.log(
      `  CPU per document with all at once: ${(allAtOnceMs / COUNT).toFixed(1)} ms; the cores busy with Keel ${(allAtOnceMs / (elapsedMin * 60_000 * cores)).toFixed(2)} of the time`,
    );
  } else {
    console.log("  CPU ceiling: not measured (needs Linux's /proc)");
  }

  const stamp = `${String(process.pid)}-${String(Date.now())}`;
  const pdfText = await textCpuMs(await invoicePdf(`CPU-${stamp}`), "pdf");
  const photoText = await textCpuMs(phonePhotoPng(`CPU-${stamp}`), "png");
  console.log(`  text/OCR CPU alone: 1-page PDF ${ms(pdfText)}, phone photo (12 MP PNG) ${ms(photoText)}`);
  await terminateOcrWorker();

  if (PDFS > 0) {
    const pdf = await uploadToTask(
      receive,
      async (i) => ({ bytes: await invoicePdf(`PDF-${stamp}-${String(i)}`), filename: `invoice-${String(i)}.pdf` }),
      PDFS,
    );
    console.log(
      `  1-page PDF alone, upload → task in the inbox (${String(PDFS)}): p50 ${ms(pdf.p50)}, p95 ${ms(pdf.p95)}`,
    );
    console.log(`    each, in order: ${pdf.all.map((time) => time.toFixed(0)).join(", ")} ms`);
    console.log(`    the last one's steps, ms after the upload (duration): ${pdf.lastSteps}`);
  }
  if (PHOTOS > 0) {
    const photo = await uploadToTask(
      receive,
      (i) => ({ bytes: phonePhotoPng(`IMG-${stamp}-${String(i)}`), filename: `photo-${String(i)}.png` }),
      PHOTOS,
    );
    console.log(
      `  phone photo (12 MP PNG) alone, upload → task in the inbox (${String(PHOTOS)}): p50 ${ms(photo.p50)}, p95 ${ms(photo.p95)}`,
    );
    console.log(`    each, in order: ${photo.all.map((time) => time.toFixed(0)).join(", ")} ms`);
    console.log(`    the last one's steps, ms after the upload (duration): ${photo.lastSteps}`);
  }

  await keel.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
