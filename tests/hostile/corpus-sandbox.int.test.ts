import { afterAll, beforeAll, expect, it } from "vitest";
import {
  closeDocumentPool,
  extractDeterministicIsolated,
  extractTextIsolated,
  type SandboxSettings,
} from "@/ai/sandbox";
import { isIntakeError } from "@/intake/errors";
import { checkUpload } from "@/intake/limits";
import { probeServer } from "../sandbox/responsiveness";
import { hostileCorpus } from "./corpus";

// The app's own defaults but for the time limit, which CI's slower machines would hit on the legitimate documents.
const settings: SandboxSettings = { workers: 2, timeoutMs: 60_000, memoryMb: 512 };
const probe = probeServer();
beforeAll(probe.start);
afterAll(async () => {
  await closeDocumentPool();
  await probe.stop();
});

/** What the pipeline does with an upload, in the sandbox as the pipeline runs it; a sentence when it ends otherwise. */
async function process(bytes: Uint8Array): Promise<string | null> {
  try {
    const { kind } = checkUpload(bytes);
    const { text } = await extractTextIsolated(bytes, kind, settings);
    await extractDeterministicIsolated(text, settings);
    return null;
  } catch (error) {
    if (isIntakeError(error) || error instanceof Error) return error.message;
    return String(error);
  }
}

it("answers within 1 s throughout while the whole hostile corpus is read, and every document ends with a result or a sentence", async () => {
  const corpus = await hostileCorpus({ scale: 1 });
  const { slowestMs, outcome } = await probe.whileProbing(
    Promise.all(corpus.map(async (doc) => ({ doc, message: await process(doc.bytes) }))),
  );
  if (outcome.status === "rejected") throw outcome.reason;
  for (const { doc, message } of outcome.value) {
    if (message === null) continue;
    expect(message, doc.name).toMatch(/^[A-Z].{10,}[.!]$/su);
    expect(message, doc.name).not.toMatch(/Maximum call stack|undefined|\n\s+at /u);
  }
  expect(outcome.value.length).toBe(corpus.length);
  expect(slowestMs).toBeLessThan(1_000);
}, 600_000);
