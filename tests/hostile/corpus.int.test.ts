import { describe, expect, it } from "vitest";
import { extractDeterministic } from "@/ai/deterministic/extract";
import { extractText } from "@/ai/text";
import { isIntakeError } from "@/intake/errors";
import { checkUpload } from "@/intake/limits";
import { hostileCorpus } from "./corpus";

type Outcome = { outcome: "refused" | "fails" | "extracts"; message: string };

/** What the pipeline does with an upload: the intake checks, then text extraction, then the deterministic extractor. */
async function process(bytes: Uint8Array): Promise<Outcome> {
  let kind;
  try {
    kind = checkUpload(bytes).kind;
  } catch (error) {
    if (!isIntakeError(error)) throw error;
    return { outcome: "refused", message: error.message };
  }
  try {
    const { text } = await extractText(bytes, kind);
    extractDeterministic(text);
    return { outcome: "extracts", message: "" };
  } catch (error) {
    return { outcome: "fails", message: error instanceof Error ? error.message : String(error) };
  }
}

const corpus = await hostileCorpus({ scale: 1 });

describe("the hostile-input corpus", () => {
  for (const doc of corpus) {
    it(`${doc.name} ends in time with ${doc.expect === "extracts" ? "a result" : "a clear sentence"}`, async () => {
      const started = performance.now();
      const result = await process(doc.bytes);
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(result.outcome).toBe(doc.expect);
      if (result.outcome !== "extracts") {
        expect(result.message).toMatch(/^[A-Z].{10,}[.!]$/su);
        expect(result.message).not.toMatch(/Maximum call stack|undefined|\n\s+at /u);
      }
    });
  }
});
