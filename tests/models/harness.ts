import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { InngestFunction } from "inngest";
import { afterAll, beforeAll, vi } from "vitest";
import { getDocumentById } from "@/db/queries/documents";
import type { Document } from "@/db/schema";
import { parseEnv, resetEnv } from "@/lib/env";
import { serveRoute, startTestEngine, untilRun, type RouteHandlers, type TestEngine } from "../engine/helpers";
import { startFakeAnthropic, type FakeAnthropic, type Scripted } from "../fakes/anthropic-server";
import { withKeelDatabase } from "../setup/keel-database";
import { startMeteredModel, type MeteredModel } from "./metered-model";

// The models Keel defaults to: the fake Messages API refuses the settings the 5.5 models refuse.
export const { KEEL_MODEL_PRIMARY: PRIMARY, KEEL_MODEL_FALLBACK: FALLBACK } = parseEnv({});

export type Instance = { url: string; calls: number; close: () => Promise<void> };

export type LanesHarness = {
  engine: TestEngine;
  fake: FakeAnthropic;
  model: MeteredModel;
  /** The app instances behind the one URL the engine calls, each counting the calls it served. */
  instances: Instance[];
};

/**
 * Keel's real functions served by `instances` app servers behind one round-robin URL (as several instances sit
 * behind a load balancer on Inngest Cloud), driven by one engine, with the model lanes' env set before the functions
 * are imported (their budget is read when they are created) and the Messages API faked behind a meter.
 */
export function withModelLanes(options: {
  env: Record<string, string>;
  timeScale: number;
  instances?: number;
  latencyMs?: number;
}): () => LanesHarness {
  const database = withKeelDatabase();
  let harness: LanesHarness | undefined;
  let balancer: http.Server | undefined;
  beforeAll(async () => {
    const fake = await startFakeAnthropic();
    fake.respond = modelAnswer;
    const model = await startMeteredModel(fake.url, options.latencyMs ?? 0);
    const engine = await startTestEngine({ databaseUrl: database().url, timeScale: options.timeScale });
    const env: Record<string, string> = {
      ANTHROPIC_API_KEY: "sk-ant-test",
      ANTHROPIC_BASE_URL: model.url,
      KEEL_MODEL_PRIMARY: PRIMARY,
      KEEL_MODEL_FALLBACK: FALLBACK,
      INNGEST_DEV: engine.url,
      INNGEST_BASE_URL: engine.url,
      ...options.env,
    };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    resetEnv();
    const { inngest } = await import("@/services/events/client");
    const { functions } = (await import("@/inngest/functions")) as { functions: InngestFunction.Any[] };
    const { serve } = await import("inngest/next");
    const upstreams: Instance[] = [];
    let next = 0;
    balancer = http.createServer((req, res) => {
      const target = upstreams[next++ % upstreams.length];
      if (!target) return void res.writeHead(503).end();
      target.calls++;
      void forward(req, res, target.url);
    });
    await new Promise<void>((resolve) => balancer?.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${String((balancer.address() as AddressInfo).port)}`;
    for (let i = 0; i < (options.instances ?? 1); i++) {
      // Each registers the balancer's URL, never its own, as KEEL_SERVE_URL makes every instance do.
      const handlers = serve({ client: inngest, functions, serveOrigin: origin, servePath: "/api/inngest" });
      const app = await serveRoute(handlers as unknown as RouteHandlers);
      upstreams.push({ url: app.url, calls: 0, close: app.close });
    }
    await engine.syncApp(`${origin}/api/inngest`);
    harness = { engine, fake, model, instances: upstreams };
  }, 60_000);
  afterAll(async () => {
    for (const instance of harness?.instances ?? []) await instance.close();
    balancer?.closeAllConnections();
    await new Promise((resolve) => balancer?.close(resolve));
    await harness?.engine.close();
    await harness?.model.close();
    await harness?.fake.close();
    vi.unstubAllEnvs();
    resetEnv();
  });
  return () => {
    if (!harness) throw new Error("withModelLanes: ready only inside tests");
    return harness;
  };
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse, url: string) {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (e): e is [string, string] =>
          typeof e[1] === "string" && !["host", "content-length", "connection"].includes(e[0]),
      ),
    );
    const target = new URL(req.url ?? "/", url);
    const answer = await fetch(`${new URL(url).origin}${target.pathname}${target.search}`, {
      method: req.method ?? "GET",
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const out: Record<string, string> = {};
    for (const [name, value] of answer.headers) {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name)) out[name] = value;
    }
    res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
  } catch (error) {
    if (!res.headersSent) res.writeHead(502).end(String(error));
  }
}

const acme = fs.readFileSync("ai/deterministic/fixtures/invoice-us-acme.txt", "utf8");

/** The Acme invoice under its own number and total, so no two documents of a file look like duplicates. */
export function invoiceText(invoice: string, totalCents: number): string {
  const total = `$${(totalCents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
  return acme.replace("INV-2025-00418", invoice).replace("$1,685.45", total);
}

function field<T>(value: T | null, quote: string | null = null) {
  return { value, confidence: value === null ? 0 : 0.95, evidence: quote ? { page: 1, quote } : null };
}

/** The model's reading of whichever invoice it was sent: every field read at 0.95, the header ones with a quote. */
function modelAnswer(body: Record<string, unknown>): Scripted {
  const sent = JSON.stringify(body.messages);
  const invoice = /Invoice #:\s+([A-Z0-9-]+)/.exec(sent)?.[1] ?? null;
  const total = /Total Due:\s+\$([\d,.]+)/.exec(sent)?.[1]?.replaceAll(",", "") ?? null;
  return {
    kind: "tool",
    input: {
      documentClass: field("invoice", "INVOICE"),
      vendorName: field("Acme Industrial Supply, Inc.", "Acme Industrial Supply, Inc."),
      vendorTaxId: field("74-2918834", "EIN: 74-2918834"),
      documentNumber: field(invoice, invoice),
      poNumber: field(null),
      issueDate: field("2025-03-04"),
      dueDate: field("2025-04-03"),
      currency: field("USD"),
      subtotal: field(null),
      tax: field(null),
      total: field(total),
      paymentTerms: field("Net 30"),
      bankDetails: field(null),
      lines: [],
    },
  };
}

export async function receiveInvoice(invoice: string, totalCents: number): Promise<string> {
  const { receiveDocument } = await import("@/services/documents/receive");
  const { document } = await receiveDocument({
    bytes: new TextEncoder().encode(invoiceText(invoice, totalCents)),
    filename: `${invoice}.txt`,
    source: "upload",
    actor: { id: null, label: "test" },
  });
  return document.id;
}

/** Until the document's run stops at a person or ends. */
export function settled(engine: TestEngine, documentId: string, timeoutMs = 30_000): Promise<Document> {
  return untilRun(
    engine,
    `document ${documentId} to wait for a person or end`,
    async () => {
      const document = await getDocumentById(documentId);
      return document && ["needs_review", "posted", "failed"].includes(document.status) ? document : undefined;
    },
    timeoutMs,
  );
}
