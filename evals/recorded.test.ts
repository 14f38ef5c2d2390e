import { describe, expect, it } from "vitest";
import { anthropicProvider } from "@/ai/anthropic";
import { ProviderError } from "@/ai/errors";
import type { ExtractedText } from "@/domain/documents/types";
import { capturingFetch, replayFetch, type Exchange } from "./recorded";

const text: ExtractedText = {
  source: "text",
  warnings: [],
  pages: [{ page: 1, text: "ACME Tools GmbH\nInvoice No: INV-2041\nTotal EUR 1,190.00", spans: [] }],
};

const field = (value: unknown, quote: string | null = null) => ({
  value,
  confidence: value === null ? 0 : 0.9,
  evidence: quote ? { page: 1, quote } : null,
});

function answer(overrides: Record<string, unknown> = {}): Exchange {
  const input = {
    documentClass: field("invoice", "Invoice No"),
    vendorName: field("ACME Tools GmbH", "ACME Tools GmbH"),
    vendorTaxId: field(null),
    documentNumber: field("INV-2041", "INV-2041"),
    poNumber: field(null),
    issueDate: field(null),
    dueDate: field(null),
    currency: field("EUR", "EUR"),
    subtotal: field(null),
    tax: field(null),
    total: field("1190.00", "Total EUR 1,190.00"),
    paymentTerms: field(null),
    bankDetails: field(null),
    lines: [],
    ...overrides,
  };
  return {
    status: 200,
    retryAfter: null,
    body: {
      id: "msg_1",
      type: "message",
      role: "assistant",
      model: "claude-haiku-4-5",
      content: [{ type: "tool_use", id: "toolu_1", name: "record_extraction", input }],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 100, output_tokens: 50, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    },
  };
}

const rateLimited: Exchange = {
  status: 429,
  retryAfter: "0",
  body: { type: "error", error: { type: "rate_limit_error", message: "slow down" } },
};

function replayed(exchanges: Exchange[]) {
  const replay = replayFetch(exchanges, "invoice-1 on claude-haiku-4-5");
  const provider = anthropicProvider({
    apiKey: "recorded",
    baseURL: "http://recorded.invalid",
    model: "claude-haiku-4-5",
    timeoutMs: 5_000,
    maxAttempts: 3,
    backoff: { baseMs: 1, capMs: 1 },
    fetch: replay.fetch,
    sleep: () => Promise.resolve(),
  });
  return { replay, extract: () => provider.extract({ text, tokensLeft: 100_000, onCall: () => Promise.resolve() }) };
}

describe("replaying recorded answers through the Anthropic provider", () => {
  it("gives the extraction the recorded tool call held, after a recorded 429", async () => {
    const { replay, extract } = replayed([rateLimited, answer()]);
    const { extraction } = await extract();
    expect(extraction.fields.totalMinor.value).toBe(119000);
    expect(extraction.fields.documentNumber.value).toBe("INV-2041");
    expect(replay.overrun()).toBeNull();
  });

  it("takes the recorded correction turn when the first answer broke the schema", async () => {
    const { extract } = replayed([answer({ issueDate: field("12.03.2026") }), answer()]);
    expect((await extract()).extraction.fields.vendorName.value).toBe("ACME Tools GmbH");
  });

  it("fails with the provider's invalid_output when both recorded answers broke the schema", async () => {
    const broken = answer({ total: field("1.190,00") });
    const { extract } = replayed([broken, broken]);
    await expect(extract()).rejects.toMatchObject({ failureClass: "invalid_output" });
    await expect(replayed([broken, broken]).extract()).rejects.toBeInstanceOf(ProviderError);
  });

  it("says in words when the provider asks for more answers than were recorded", async () => {
    const { replay, extract } = replayed([rateLimited]);
    await expect(extract()).rejects.toBeInstanceOf(ProviderError);
    expect(replay.overrun()).toMatch(
      /^The recorded answers for invoice-1 on claude-haiku-4-5 end after 1 response\(s\) but the provider asked for more: .*Re-record them \(npm run eval -- --provider anthropic --record\)\.$/,
    );
  });
});

describe("capturingFetch", () => {
  it("passes each call through and keeps the Messages API's answers as they came", async () => {
    const inner: typeof fetch = (input) =>
      Promise.resolve(
        (typeof input === "string" ? input : "").endsWith("/v1/messages")
          ? new Response('{"type":"error"}', { status: 529, headers: { "retry-after": "3" } })
          : new Response("not json", { status: 200 }),
      );
    const capture = capturingFetch(inner);
    const response = await capture.fetch("http://api.test/v1/messages", { method: "POST" });
    await capture.fetch("http://api.test/v1/models");
    expect(await response.json()).toEqual({ type: "error" });
    expect(capture.exchanges).toEqual([{ status: 529, retryAfter: "3", body: { type: "error" } }]);
  });

  it("keeps a body that is not JSON as its text, so a replay gives the same unparseable answer", async () => {
    const capture = capturingFetch(() => Promise.resolve(new Response("<html>bad gateway</html>", { status: 502 })));
    await capture.fetch("http://api.test/v1/messages");
    expect(capture.exchanges).toEqual([{ status: 502, retryAfter: null, body: "<html>bad gateway</html>" }]);
  });
});
