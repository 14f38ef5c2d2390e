import fs from "node:fs";
import { subscribe } from "inngest/realtime";
import { beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import type { User } from "@/db/schema";
import { can, type Permission } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { until } from "../engine/helpers";
import { setDocumentStatus } from "@/db/queries/documents";
import { updateOperatingSettings } from "@/db/queries/operating-settings";
import { defaultOperatingSettings } from "@/domain/operations/settings";
import { storeTextInvoice } from "../factories/documents";
import { makeTask, openTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withPipeline } from "../pipeline/harness";

// Node 20 has no WebSocket global without a flag; the SDK's subscribe needs one, as a browser gives it.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/** A probe for `until`: true once `count` messages are in. */
const arrived = (messages: unknown[], count: number) => () =>
  Promise.resolve(messages.length >= count ? true : undefined);

// The signed-in person, set per test: Auth.js is not under test, the rights check behind it is.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/services/auth/session", () => ({
  authorize: (permission: Permission) => {
    if (!session.user) return Promise.reject(new AppError("unauthenticated"));
    if (!can(session.user, permission)) return Promise.reject(new AppError(`forbidden:${permission}`));
    return Promise.resolve(session.user);
  },
}));

withPipeline();

let approver: User;
beforeAll(async () => {
  approver = await makeUser({ role: "approver", approvalLimitMinor: 1_000_000 });
});

// Imported once the harness has pointed the environment at the engine: the Inngest client reads it when created.
const keel = async () => ({
  POST: (await import("@/app/api/realtime/token/route")).POST,
  askVendor: (await import("@/services/tasks/ask-vendor")).askVendor,
  sampleForQaStep: (await import("@/services/operations/qa-sampling")).sampleForQaStep,
  expireOverdueQaReviews: (await import("@/services/operations/qa-expiry")).expireOverdueQaReviews,
  decide: (await import("@/services/tasks/decide")).decide,
  receiveDocument: (await import("@/services/documents/receive")).receiveDocument,
});

const askForToken = async (body: unknown, origin = "http://localhost:3000") =>
  (await keel()).POST(
    new Request("http://localhost:3000/api/realtime/token", {
      method: "POST",
      headers: { "content-type": "application/json", host: "localhost:3000", origin },
      body: JSON.stringify(body),
    }),
  );

type Received = { data: unknown; runId?: string | undefined };
type Token = { key: string; apiBaseUrl: string; channel: string; topics: string[] };

/** What arrives on a channel, through the SDK's own subscribe, with a token from Keel's route. */
async function follow(target: unknown): Promise<{ received: Received[]; close: () => void }> {
  const res = await askForToken(target);
  expect(res.status).toBe(200);
  const token = (await res.json()) as Token;
  const received: Received[] = [];
  const stream = await subscribe(token, (message) => {
    received.push({ data: message.data, runId: message.runId });
  });
  return { received, close: () => stream.close() };
}

describe("live updates", () => {
  it("gives a signed-in user a token for exactly the channel asked for", async () => {
    session.user = approver;
    const task = await openTask();
    const res = await askForToken({ kind: "document", id: task.documentId });
    expect(res.status).toBe(200);
    const token = (await res.json()) as Token;
    expect(token).toMatchObject({ channel: `keel:document:${task.documentId}`, topics: ["changed"] });
    const claims = JSON.parse(Buffer.from(token.key.split(".")[1] ?? "", "base64url").toString()) as {
      channel: string;
      topics: string[];
    };
    expect(claims).toMatchObject({ channel: `keel:document:${task.documentId}`, topics: ["changed"] });
  });

  it("refuses a token to a visitor who is not signed in, for a document that does not exist, and from another site", async () => {
    const task = await openTask();
    session.user = null;
    const anonymous = await askForToken({ kind: "inbox" });
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(await anonymous.json())).not.toContain("key");
    session.user = approver;
    const missing = await askForToken({ kind: "document", id: crypto.randomUUID() });
    expect(missing.status).toBe(404);
    const noTicket = await askForToken({ kind: "ticket", id: crypto.randomUUID() });
    expect(noTicket.status).toBe(404);
    const elsewhere = await askForToken({ kind: "document", id: task.documentId }, "https://evil.example");
    expect(elsewhere.status).toBe(403);
    const vague = await askForToken({ kind: "everything" });
    expect(vague.status).toBe(400);
    expect(((await vague.json()) as { error: { message: string } }).error.message).toMatch(/kind/);
  });

  it("publishes a decision to the task's document page and to the inbox", async () => {
    session.user = approver;
    const task = await openTask();
    const page = await follow({ kind: "document", id: task.documentId });
    const inbox = await follow({ kind: "inbox" });
    const elsewhere = await follow({ kind: "document", id: (await openTask()).documentId });
    const { decide } = await keel();
    expect(await decide(approver, task.id, { action: "reject", reason: "Not our order" })).toMatchObject({ ok: true });
    await until("the page's message", arrived(page.received, 1), 5_000);
    await until("the inbox's message", arrived(inbox.received, 1), 5_000);
    for (const sub of [page, inbox, elsewhere]) sub.close();
    expect(typeof (page.received[0]?.data as { at?: unknown } | undefined)?.at).toBe("string");
    expect(elsewhere.received).toEqual([]);
  });

  it("publishes from the pipeline's steps as a document's run moves to a task", async () => {
    session.user = approver;
    const inbox = await follow({ kind: "inbox" });
    const { receiveDocument } = await keel();
    const { document } = await receiveDocument({
      bytes: new TextEncoder().encode(fs.readFileSync("ai/deterministic/fixtures/invoice-us-acme.txt", "utf8")),
      filename: "live.txt",
      source: "upload",
      actor: { id: null, label: "test" },
    });
    const page = await follow({ kind: "document", id: document.id });
    await until("the task's message", arrived(inbox.received, 1), 20_000);
    await until("the page's message", arrived(page.received, 1), 5_000);
    inbox.close();
    page.close();
    // Published from inside a step, so the SDK names the run it came from.
    expect(page.received.at(-1)?.runId).toMatch(/^[0-9A-Z]{26}$/);
  });

  it("publishes a question to the vendor to the task's document page, and a QA review drawn after posting to the inbox", async () => {
    session.user = approver;
    const { askVendor, sampleForQaStep } = await keel();
    const task = await openTask();
    const page = await follow({ kind: "document", id: task.documentId });
    const asked = await askVendor(approver, task.id, {
      to: "billing@acme.example",
      subject: "Your invoice",
      body: "Could you send the purchase order number?",
    });
    expect(asked).toMatchObject({ ok: true, data: { queued: true } });
    await until("the page's message", arrived(page.received, 1), 5_000);
    page.close();

    await updateOperatingSettings({ ...defaultOperatingSettings, qaSampleRate: 1 }, { id: null, label: "test" });
    const posted = await storeTextInvoice();
    await setDocumentStatus(posted.id, "posted");
    const inbox = await follow({ kind: "inbox" });
    expect(await sampleForQaStep(posted.id, new Date())).toMatchObject({ sampled: true });
    await until("the inbox's message", arrived(inbox.received, 1), 5_000);
    inbox.close();
  });

  it("publishes QA reviews that expire in one sweep to each one's document page, and to the inbox once", async () => {
    session.user = approver;
    const { expireOverdueQaReviews } = await keel();
    const past = new Date(Date.now() - 60_000);
    const reviews = [
      await makeTask({ type: "QA_REVIEW", deadlineAt: past }),
      await makeTask({ type: "QA_REVIEW", deadlineAt: past }),
    ];
    for (const review of reviews) await setDocumentStatus(review.documentId, "posted");
    const pages = await Promise.all(reviews.map((review) => follow({ kind: "document", id: review.documentId })));
    const inbox = await follow({ kind: "inbox" });
    expect((await expireOverdueQaReviews(new Date())).expired).toBeGreaterThanOrEqual(2);
    for (const page of pages) await until("a page's message", arrived(page.received, 1), 5_000);
    await until("the inbox's message", arrived(inbox.received, 1), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const sub of [...pages, inbox]) sub.close();
    expect(inbox.received).toHaveLength(1);
  });
});
