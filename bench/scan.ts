import { makeScannedPdf } from "@/ai/text/testing/scanned-pdf";
import { listDocumentPages } from "@/db/queries/document-pages";
import { getDocumentById } from "@/db/queries/documents";
import { seedDemoVendors } from "@/db/seed";
import { defaultIntakeLimits } from "@/intake/limits";
import { env } from "@/lib/env";
import { listRunSteps } from "@/services/runs/runs";

import { startBenchKeel } from "./keel";

/**
 * `npm run bench:scan [pages] [megabytes]`: a scanned PDF (default 10 pages, 40 MB, every page a noisy JPEG)
 * through the whole pipeline: each OCR step's duration and pages, the longest step against
 * KEEL_STEP_BUDGET_SECONDS, and upload → routed time. Figures are printed, never asserted. Real PostgreSQL
 * (embedded), the real engine, Keel's real functions through the real serve() handler.
 */
const pages = Number(process.argv[2] ?? 10);
const megabytes = Number(process.argv[3] ?? 40);

async function main() {
  const generating = performance.now();
  // 2000 pixels across (about 240 dpi): at 200 dpi a page's JPEG cannot hold 4 MB of grain.
  const bytes = await makeScannedPdf({ pages, targetBytes: megabytes * 1024 * 1024, width: 2000, seed: process.pid });
  console.log(
    `scan: ${String(pages)} pages, ${(bytes.length / 1024 / 1024).toFixed(1)} MB, made in ${((performance.now() - generating) / 1000).toFixed(1)} s`,
  );
  const keel = await startBenchKeel("scan");
  await seedDemoVendors();
  const { receiveDocument } = await import("@/services/documents/receive");
  const started = performance.now();
  const { document } = await receiveDocument({
    bytes,
    filename: "scan.pdf",
    source: "api",
    actor: { id: null, label: "bench" },
    // A file this size comes through the bucket, whose limit it is held to.
    limits: { ...defaultIntakeLimits, maxBytes: env().KEEL_BUCKET_UPLOAD_MAX_MB * 1024 * 1024 },
  });
  let done = await getDocumentById(document.id);
  while (!done || ["received", "extracting"].includes(done.status)) {
    await new Promise((r) => setTimeout(r, 200));
    done = await getDocumentById(document.id);
  }
  const totalMs = performance.now() - started;
  const budgetMs = env().KEEL_STEP_BUDGET_SECONDS * 1000;
  const steps = await listRunSteps(done.runId ?? "");
  const ocr = steps.filter((step) => step.name?.startsWith("ocr-pages-"));
  console.log(`budget: KEEL_STEP_BUDGET_SECONDS=${String(budgetMs / 1000)}`);
  for (const step of [
    ...steps.filter((s) => s.name === "extract-text"),
    ...ocr,
    ...steps.filter((s) => s.name === "assemble-text"),
  ]) {
    const index = ocr.indexOf(step);
    const first = Number(step.name?.replace("ocr-pages-", ""));
    const next = index >= 0 ? Number(ocr[index + 1]?.name?.replace("ocr-pages-", "") ?? pages + 1) : NaN;
    const perStep = index >= 0 ? `, pages ${String(first)}–${String(next - 1)} (${String(next - first)})` : "";
    console.log(`  ${step.name ?? step.stepId}: ${((step.durationMs ?? 0) / 1000).toFixed(1)} s${perStep}`);
  }
  const longest = Math.max(...ocr.map((step) => step.durationMs ?? 0));
  console.log(
    `longest OCR step: ${(longest / 1000).toFixed(1)} s of ${String(budgetMs / 1000)} s (${((100 * longest) / budgetMs).toFixed(0)}%)`,
  );
  const read = (await listDocumentPages(document.id)).map((page) => page.ocrMs ?? 0);
  console.log(
    `one page (render + OCR in the sandbox): mean ${(read.reduce((a, b) => a + b, 0) / Math.max(1, read.length) / 1000).toFixed(1)} s, slowest ${(Math.max(...read) / 1000).toFixed(1)} s`,
  );
  console.log(`upload → routed: ${(totalMs / 1000).toFixed(1)} s; document ${done.status}`);
  await keel.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
