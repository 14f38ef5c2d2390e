import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { getDocumentById, listModelCalls } from "@/db/queries/documents";
import { listTasksForDocument, resolveTask } from "@/db/queries/tasks";
import { extractions } from "@/db/schema";
import { resetEnv } from "@/lib/env";
import { until, untilRun } from "../engine/helpers";
import { makeUser } from "../factories/users";
import { receiveInvoice, settled, withModelLanes } from "./harness";

/**
 * A document run that waited for a person since before the model lanes were in its path (here: read without a
 * model, then a model configured, as a deploy adds one) resumes through the new steps: the lane finds the stored
 * reading and answers at once, so nothing is read or paid for twice.
 */
const lanes = withModelLanes({ timeScale: 0.05, env: {} });

const stepNames = async (runId: string) =>
  (
    await lanes().engine.sql<{ name: string }[]>`
      select name from run_steps where run_id = ${runId} and status = 'completed' order by name`
  ).map((s) => s.name);

describe("the lanes reaching a run in flight", () => {
  it("a waiting run resumes through the lane steps without calling the model or reading the document again", async () => {
    const { engine, model } = lanes();
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    resetEnv();
    const documentId = await receiveInvoice("INV-MID-1", 160_000);
    const waiting = await settled(engine, documentId);
    expect(waiting.status).toBe("needs_review");
    const runId = waiting.runId ?? "";
    expect((await stepNames(runId)).filter((name) => name.startsWith("extract-fields-model"))).toEqual([]);

    vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-test");
    resetEnv();
    const task = await until("the document's open task", async () =>
      (await listTasksForDocument(documentId)).find((t) => t.status === "open"),
    );
    const admin = await makeUser({ role: "admin" });
    const rejected = await resolveTask({
      taskId: task.id,
      actor: { id: admin.id, label: admin.email },
      action: "reject",
      parameters: { reason: "Not ours." },
    });
    expect(rejected.ok).toBe(true);
    const { inngest } = await import("@/services/events/client");
    const { taskResolved } = await import("@/services/events/catalog");
    await inngest.send(taskResolved.create({ taskId: task.id, documentId, action: "reject" }));

    await untilRun(engine, "the run to finish", async () => {
      const [run] = await engine.sql<{ status: string }[]>`select status from runs where id = ${runId}`;
      return run?.status === "Completed" ? true : undefined;
    });
    expect(await stepNames(runId)).toEqual(
      expect.arrayContaining(["check-rules", "extract-fields-model-issued", "extract-fields-model-primary"]),
    );
    const [lane] = await engine.sql<{ status: string; output: unknown }[]>`
      select status, output from runs where parent_run_id = ${runId}`;
    expect(lane).toMatchObject({
      status: "Completed",
      output: { ok: true, lane: "primary", provider: "deterministic" },
    });
    expect(model.requests).toEqual([]);
    expect(await listModelCalls(documentId)).toHaveLength(1);
    expect(await db().select().from(extractions).where(eq(extractions.documentId, documentId))).toHaveLength(1);
    await until("the document to end rejected", async () =>
      (await getDocumentById(documentId))?.status === "rejected" ? true : undefined,
    );
  });
});
