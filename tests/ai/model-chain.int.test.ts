import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { anthropicProvider, type Effort } from "@/ai/anthropic";
import { FALLBACK_CONFIDENCE_FACTOR, runExtractionChain } from "@/ai/chain";
import { costMicros } from "@/ai/pricing";
import { parseEnv } from "@/lib/env";
import type { CallRecord, ExtractionProvider } from "@/ai/provider";
import type { ExtractedText, Extraction } from "@/domain/documents/types";
import { startFakeAnthropic, type FakeAnthropic } from "../fakes/anthropic-server";

const text: ExtractedText = {
  source: "pdf-text",
  warnings: [],
  pages: [
    {
      page: 1,
      text: "ACME Tools GmbH\nInvoice No: INV-2041\nDate: 2026-03-12\nTotal EUR 1,190.00",
      spans: [],
    },
  ],
};

function field<T>(value: T | null, quote: string | null = null, confidence = 0.95) {
  return { value, confidence: value === null ? 0 : confidence, evidence: quote ? { page: 1, quote } : null };
}

function validOutput(overrides: Record<string, unknown> = {}) {
  return {
    documentClass: field("invoice", "Invoice No"),
    vendorName: field("ACME Tools GmbH", "ACME Tools GmbH"),
    vendorTaxId: field(null),
    documentNumber: field("INV-2041", "Invoice No: INV-2041"),
    poNumber: field(null),
    issueDate: field("2026-03-12", "Date: 2026-03-12"),
    dueDate: field(null),
    currency: field("EUR", "EUR"),
    subtotal: field("1000.00", null, 0.6),
    tax: field("190.00", null, 0.6),
    total: field("1190.00", "Total EUR 1,190.00"),
    paymentTerms: field(null),
    bankDetails: field(null),
    lines: [],
    ...overrides,
  };
}

/** Stands in for the deterministic extractor at the end of the chain: always answers, with known confidence. */
const lastResort: ExtractionProvider = {
  name: "deterministic",
  model: "deterministic",
  extract: () =>
    Promise.resolve({
      extraction: {
        documentClass: { value: "invoice", confidence: 0.8, evidence: null },
        fields: {
          vendorName: { value: "ACME Tools GmbH", confidence: 0.8, evidence: null },
          vendorTaxId: { value: null, confidence: 0, evidence: null },
          documentNumber: { value: "INV-2041", confidence: 0.8, evidence: null },
          poNumber: { value: null, confidence: 0, evidence: null },
          issueDate: { value: "2026-03-12", confidence: 0.8, evidence: null },
          dueDate: { value: null, confidence: 0, evidence: null },
          currency: { value: "EUR", confidence: 0.8, evidence: null },
          subtotalMinor: { value: null, confidence: 0, evidence: null },
          taxMinor: { value: null, confidence: 0, evidence: null },
          totalMinor: { value: 119000, confidence: 0.8, evidence: null },
          paymentTerms: { value: null, confidence: 0, evidence: null },
          bankDetails: { value: null, confidence: 0, evidence: null },
          lines: [],
        },
        provider: "deterministic",
        promptVersion: null,
      } satisfies Extraction,
      usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0 },
    }),
};

let fake: FakeAnthropic;
let sleeps: number[];
let calls: CallRecord[];

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.script();
  sleeps = [];
  calls = [];
});

function claude(model: string, timeoutMs = 2_000, effort?: Effort): ExtractionProvider {
  return anthropicProvider({
    apiKey: "sk-ant-test",
    baseURL: fake.url,
    model,
    timeoutMs,
    effort,
    maxAttempts: 3,
    backoff: { baseMs: 100, capMs: 2_000 },
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
}

const chain = (tokenBudget = 100_000) =>
  runExtractionChain([claude("claude-sonnet-5-5"), claude("claude-haiku-5-5"), lastResort], {
    text,
    tokenBudget,
    onCall: (call) => {
      calls.push(call);
      return Promise.resolve();
    },
  });

describe("the model chain against the Messages API", () => {
  it("takes a well-formed tool-use answer, with evidence located on the page and usage recorded", async () => {
    fake.script({ kind: "tool", input: validOutput(), usage: { input: 1500, output: 300, cacheRead: 1200 } });
    const result = await chain();
    expect(result.fallbacks).toEqual([]);
    expect(result.extraction.provider).toBe("anthropic:claude-sonnet-5-5");
    expect(result.extraction.promptVersion).toBe("extract-v2");
    expect(result.extraction.fields.totalMinor).toMatchObject({ value: 119000, confidence: 0.95 });
    expect(result.extraction.fields.documentNumber.evidence).toEqual({
      page: 1,
      start: 16,
      end: 36,
      text: "Invoice No: INV-2041",
    });
    // No quote for subtotal: the value is kept but trusted less.
    expect(result.extraction.fields.subtotalMinor.confidence).toBeCloseTo(0.42);
    expect(calls).toEqual([
      expect.objectContaining({
        outcome: "ok",
        attempt: 0,
        usage: { inputTokens: 1500, outputTokens: 300, cachedTokens: 1200 },
      }),
    ]);
    expect(
      costMicros("claude-sonnet-5-5", calls[0]?.usage ?? { inputTokens: 0, outputTokens: 0, cachedTokens: 0 }),
    ).toBe(1500 * 2 + 300 * 10 + 1200 * 0.1);
  });

  it("sends the same cacheable system prefix for every document", async () => {
    fake.script({ kind: "tool", input: validOutput() }, { kind: "tool", input: validOutput() });
    await chain();
    await chain();
    const [first, second] = fake.requests.map((r) => r.body.system);
    expect(first).toEqual(second);
    expect(first).toEqual([expect.objectContaining({ cache_control: { type: "ephemeral" } })]);
    expect(fake.requests[0]?.headers["x-stainless-retry-count"]).toBe("0");
  });

  it("waits as long as a 429's Retry-After says, then retries the same model", async () => {
    fake.script({ kind: "status", status: 429, retryAfter: "1" }, { kind: "tool", input: validOutput() });
    const result = await chain();
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
    expect(result.extraction.provider).toBe("anthropic:claude-sonnet-5-5");
    expect(calls.map((c) => [c.outcome, c.errorClass])).toEqual([
      ["error", "transient:429"],
      ["ok", null],
    ]);
  });

  it("moves to the cheaper model when the primary stays overloaded (529), with lower confidence", async () => {
    fake.script(
      { kind: "status", status: 529 },
      { kind: "status", status: 529 },
      { kind: "status", status: 529 },
      { kind: "tool", input: validOutput() },
    );
    const result = await chain();
    expect(fake.requests.map((r) => r.body.model)).toEqual([
      "claude-sonnet-5-5",
      "claude-sonnet-5-5",
      "claude-sonnet-5-5",
      "claude-haiku-5-5",
    ]);
    // Backoff grows and carries jitter: never more than base × 2^attempt.
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
    expect(result.fallbacks).toEqual([
      expect.objectContaining({ provider: "anthropic:claude-sonnet-5-5", failureClass: "transient" }),
    ]);
    expect(result.extraction.fields.totalMinor.confidence).toBeCloseTo(0.95 * FALLBACK_CONFIDENCE_FACTOR);
  });

  it("falls back to the deterministic extractor when every model answers 500, and the document still gets fields", async () => {
    fake.fallback = { kind: "status", status: 500 };
    const result = await chain();
    expect(fake.requests).toHaveLength(6);
    expect(result.extraction.provider).toBe("deterministic");
    expect(result.extraction.fields.totalMinor.value).toBe(119000);
    expect(result.extraction.fields.totalMinor.confidence).toBeCloseTo(0.8 * FALLBACK_CONFIDENCE_FACTOR ** 2);
    expect(calls.filter((c) => c.outcome === "error")).toHaveLength(6);
  });

  it("gives up on a hanging model at its timeout and retries, then falls back", async () => {
    fake.script({ kind: "hang" }, { kind: "hang" }, { kind: "hang" });
    fake.fallback = { kind: "tool", input: validOutput() };
    const started = Date.now();
    const result = await runExtractionChain(
      [claude("claude-sonnet-5-5", 300), claude("claude-haiku-5-5", 300), lastResort],
      {
        text,
        tokenBudget: 100_000,
        onCall: (call) => {
          calls.push(call);
          return Promise.resolve();
        },
      },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(calls.slice(0, 3).map((c) => c.errorClass)).toEqual(["transient", "transient", "transient"]);
    expect(result.extraction.provider).toBe("anthropic:claude-haiku-5-5");
  });

  it("retries malformed output once with the validation errors, and accepts the corrected answer", async () => {
    fake.script(
      { kind: "tool", input: validOutput({ total: field("1.190,00", "Total EUR 1,190.00") }) },
      { kind: "tool", input: validOutput() },
    );
    const result = await chain();
    expect(result.fallbacks).toEqual([]);
    const retry = fake.requests[1]?.body.messages as { role: string; content: unknown }[];
    expect(retry).toHaveLength(3);
    expect(JSON.stringify(retry[2])).toContain("total.value: a decimal string like 1234.56");
    expect(calls.map((c) => c.outcome)).toEqual(["invalid_output", "ok"]);
  });

  it("moves on when the output misses fields twice", async () => {
    const { total: _total, currency: _currency, ...missing } = validOutput();
    fake.script(
      { kind: "tool", input: missing },
      { kind: "tool", input: missing },
      { kind: "tool", input: validOutput() },
    );
    const result = await chain();
    expect(result.fallbacks).toEqual([expect.objectContaining({ failureClass: "invalid_output" })]);
    expect(result.extraction.provider).toBe("anthropic:claude-haiku-5-5");
  });

  it("does not retry a 400 and moves straight to the next model", async () => {
    fake.script({
      kind: "status",
      status: 400,
      body: { type: "error", error: { type: "invalid_request_error", message: "bad" } },
    });
    fake.fallback = { kind: "tool", input: validOutput() };
    const result = await chain();
    expect(fake.requests.map((r) => r.body.model)).toEqual(["claude-sonnet-5-5", "claude-haiku-5-5"]);
    expect(result.fallbacks[0]?.failureClass).toBe("permanent");
  });

  it("stops calling models once the document's token budget is spent", async () => {
    fake.fallback = { kind: "tool", input: validOutput({ total: field("oops") }), usage: { input: 3000, output: 500 } };
    const result = await chain(3_000);
    expect(result.extraction.provider).toBe("deterministic");
    expect(fake.requests).toHaveLength(1);
    expect(result.fallbacks.map((f) => f.failureClass)).toEqual(["budget", "budget"]);
  });
});

describe("the models Keel defaults to", () => {
  const defaults = parseEnv({});
  const defaultChain = () =>
    runExtractionChain([claude(defaults.KEEL_MODEL_PRIMARY), claude(defaults.KEEL_MODEL_FALLBACK), lastResort], {
      text,
      tokenBudget: 100_000,
      onCall: (call) => {
        calls.push(call);
        return Promise.resolve();
      },
    });

  it("are current models, and the primary takes Keel's request as it is built: no forced tool, no sampling", async () => {
    expect([defaults.KEEL_MODEL_PRIMARY, defaults.KEEL_MODEL_FALLBACK]).toEqual([
      "claude-sonnet-5-5",
      "claude-haiku-5-5",
    ]);
    fake.script({ kind: "tool", input: validOutput() });
    const result = await defaultChain();
    expect(result.fallbacks).toEqual([]);
    expect(result.extraction.provider).toBe("anthropic:claude-sonnet-5-5");
    const [asked] = fake.requests.map((r) => r.body);
    expect(asked).toMatchObject({ tools: [{ name: "record_extraction" }] });
    expect(asked).not.toHaveProperty("tool_choice");
    expect(costMicros("claude-sonnet-5-5", { inputTokens: 1_000_000, outputTokens: 0, cachedTokens: 0 })).toBe(
      2_000_000,
    );
  });

  it("are asked at the effort KEEL_MODEL_EFFORT sets, and at their own without it", async () => {
    const low = claude(defaults.KEEL_MODEL_PRIMARY, 2_000, parseEnv({ KEEL_MODEL_EFFORT: "low" }).KEEL_MODEL_EFFORT);
    fake.script({ kind: "tool", input: validOutput() }, { kind: "tool", input: validOutput() });
    const onCall = () => Promise.resolve();
    await runExtractionChain([low, lastResort], { text, tokenBudget: 100_000, onCall });
    await defaultChain();
    const [asked, unset] = fake.requests.map((r) => r.body);
    expect(asked).toMatchObject({ model: "claude-sonnet-5-5", output_config: { effort: "low" } });
    expect(unset).not.toHaveProperty("output_config");
  });

  it("refuse a forced tool choice as the real API does, so the fake would catch one", async () => {
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      body: JSON.stringify({ model: "claude-sonnet-5-5", tool_choice: { type: "tool", name: "record_extraction" } }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      type: "error",
      error: {
        type: "invalid_request_error",
        message: 'tool_choice: type "tool" and "any" are not supported for this model.',
      },
    });
  });

  it("say why an answer without the tool call is no answer: a refusal, or output tokens spent on thinking", async () => {
    fake.script(
      { kind: "text", text: "", stopReason: "refusal" },
      { kind: "text", text: "Let me think", stopReason: "max_tokens" },
    );
    const result = await defaultChain();
    expect(result.extraction.provider).toBe("deterministic");
    expect(result.fallbacks.map((f) => f.reason)).toEqual([
      'The model declined to answer (stop_reason "refusal") instead of calling record_extraction.',
      "The model ran out of output tokens (its thinking counts toward them) before calling record_extraction.",
    ]);
  });
});
