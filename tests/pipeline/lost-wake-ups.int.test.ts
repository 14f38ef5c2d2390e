import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { getDocumentById } from "@/db/queries/documents";
import { getUnsentEvent } from "@/db/queries/event-outbox";
import { listTasksForDocument, resolveTask } from "@/db/queries/tasks";
import { createVendor } from "@/db/queries/vendors";
import { until } from "../engine/helpers";
import { makeUser } from "../factories/users";
import { withPipeline } from "./harness";

// Real time: the run's first look at its task is a real minute away, so only the relay can wake it sooner.
const pipeline = withPipeline({ timeScale: 1 });

describe("a decision whose wake-up was never sent", () => {
  it("is sent by the relay from the outbox, and the run moves on long before its next look at the task", async () => {
    pipeline();
    // Imported after the harness points the Inngest client at the test engine.
    const { taskResolvedId } = await import("@/services/events/catalog");
    const { relayUnsentEvents } = await import("@/services/events/relay");
    const { relayUnsignalled } = await import("@/services/events/signals");
    const { wakeUpEvent } = await import("@/services/tasks/wake-run");
    await createVendor(
      { name: "Acme Industrial Supply, Inc.", aliases: ["Acme Industrial"], taxId: "74-2918834", currency: "USD" },
      { id: null, label: "test" },
    );
    const text = fs
      .readFileSync("ai/deterministic/fixtures/invoice-us-acme.txt", "utf8")
      .replace("INV-2025-00418", "INV-2025-00777")
      .replace(/^ACH:.*$/m, "");
    const { receiveDocument } = await import("@/services/documents/receive");
    const { document } = await receiveDocument({
      bytes: new TextEncoder().encode(text),
      filename: "lost.txt",
      source: "api",
      actor: { id: null, label: "test" },
    });
    const task = await until("the task", async () =>
      (await listTasksForDocument(document.id)).find((t) => t.status === "open"),
    );

    // The decision commits with its wake-up, and the app dies before sending it.
    const admin = await makeUser({ role: "admin", approvalLimitMinor: 100_000_000, approvalCurrency: "USD" });
    const resolved = await resolveTask({
      taskId: task.id,
      actor: { id: admin.id, label: admin.email },
      action: "approve",
      parameters: {},
      wake: wakeUpEvent(task, "approve"),
    });
    expect(resolved.ok).toBe(true);
    expect(await getUnsentEvent(taskResolvedId(task.id))).toBeDefined();

    // Without its wake-up, the run sleeps on.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await getDocumentById(document.id))?.status).toBe("needs_review");
    expect((await listTasksForDocument(document.id)).filter((t) => t.status === "open")).toEqual([]);

    // What the relay function does each minute, for events older than 30 s: here, without the wait.
    const startedAt = Date.now();
    expect(await relayUnsentEvents(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
    // The run waits on the task's signal: the relay's second step sends it, and the run takes it.
    expect(await relayUnsignalled(new Date(Date.now() + 1000))).toBe(1);
    expect(await getUnsentEvent(taskResolvedId(task.id))).toBeUndefined();
    const moved = await until(
      "the run to move on",
      async () => {
        const current = await getDocumentById(document.id);
        const open = (await listTasksForDocument(document.id)).find((t) => t.status === "open");
        return current?.status === "posted" || open ? true : undefined;
      },
      20_000,
    );
    expect(moved).toBe(true);
    // The run's own next look at the task was a minute away.
    expect(Date.now() - startedAt).toBeLessThan(30_000);
    expect(await relayUnsentEvents(new Date(Date.now() + 1000))).toBe(0);
    expect(await relayUnsignalled(new Date(Date.now() + 1000))).toBe(0);
  });
});
