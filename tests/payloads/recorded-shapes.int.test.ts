import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/index";
import { saveExchangeRates } from "@/db/queries/exchange-rates";
import { getDocumentById, getDocumentText, getLatestExtraction } from "@/db/queries/documents";
import { listTasksForDocument } from "@/db/queries/tasks";
import { auditLog } from "@/db/schema";
import { createVendor } from "@/db/queries/vendors";
import { payloadSchemas, type PayloadKind } from "@/domain/payloads/index";
import { until, untilRun } from "../engine/helpers";
import { makeUser } from "../factories/users";
import { withPipeline } from "../pipeline/harness";

/**
 * Today's code, run for real, produces payloads today's schemas accept: the other half of the recorded fixtures.
 * `KEEL_RECORD_PAYLOADS=<version> npx vitest run --project integration tests/payloads/recorded-shapes.int.test.ts`
 * also writes them to tests/fixtures/payloads/<kind>/<version>.json, to commit when a shape changes.
 */

const pipeline = withPipeline();
const acme = fs.readFileSync("ai/deterministic/fixtures/invoice-us-acme.txt", "utf8");

/** Which payload kind a memoised step holds, by its id; round suffixes share their first round's kind. */
const stepKinds: [RegExp, PayloadKind][] = [
  [/^extract-text$/, "step.extract-text"],
  [/^ocr-pages-\d+$/, "step.ocr-pages"],
  [/^check-rules(-round-\d+)?$/, "step.check-rules"],
  [/^open-task(-round-\d+)?$/, "step.open-task"],
  [/^read-decision(-\d+)?(-round-\d+)?$/, "step.read-decision"],
  [/^post$/, "step.post"],
];

/** Steps whose output no code reads back: replaying them hands nothing to the function. */
const unreadOutputs =
  /^(start|assemble-text|extract-fields|finish-unposted|sample-for-qa|deadline-ladder-\d+)(-round-\d+)?$/;

const recorded = new Map<PayloadKind, unknown>();

function expectParses(kind: PayloadKind, payload: unknown, where: string) {
  const parsed = payloadSchemas[kind].safeParse(payload);
  if (!parsed.success) throw new Error(`${where} (${kind}) does not parse:\n${z.prettifyError(parsed.error)}`);
  if (!recorded.has(kind)) recorded.set(kind, payload);
}

function writeFixtures(version: string) {
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  for (const [kind, payload] of recorded) {
    const folder = path.join("tests/fixtures/payloads", kind);
    fs.mkdirSync(folder, { recursive: true });
    const note = "Recorded from a real pipeline run by tests/payloads/recorded-shapes.int.test.ts.";
    fs.writeFileSync(
      path.join(folder, `${version}.json`),
      `${JSON.stringify({ shipped: commit, note, payload }, null, 2)}\n`,
    );
  }
}

describe("payloads the pipeline writes today", () => {
  it("parse with the versioned schemas: events, memoised step outputs and stored JSON", async () => {
    const { engine } = pipeline();
    await createVendor(
      { name: "Acme Industrial Supply, Inc.", aliases: ["Acme Industrial"], taxId: "74-2918834", currency: "USD" },
      { id: null, label: "test" },
    );
    // The four-eyes threshold is in EUR: at this rate the corrected total is under it, so one approval decides.
    await saveExchangeRates([{ currency: "USD", rate: "1.08", effectiveFrom: "2025-01-01" }], {
      id: null,
      label: "test",
    });
    // A misread total a person corrects, then a spend approval: every payload kind the pipeline writes comes by.
    const text = acme
      .replace("$1,685.45", "$1,785.45")
      .replace("INV-2025-00418", "INV-2025-00431")
      .replace(/^ACH:.*$/m, "");
    const { receiveDocument } = await import("@/services/documents/receive");
    const { document } = await receiveDocument({
      bytes: new TextEncoder().encode(text),
      filename: "payloads.txt",
      source: "upload",
      actor: { id: null, label: "test" },
    });
    const { decide } = await import("@/services/tasks/decide");
    const operator = await makeUser({ role: "operator" });
    const admin = await makeUser({ role: "admin", approvalLimitMinor: 10_000_000, approvalCurrency: "USD" });
    let corrected = false;
    for (;;) {
      const next = await untilRun(engine, "an open task or the posting", async () => {
        const open = (await listTasksForDocument(document.id)).find((t) => t.status === "open");
        if (open) return open;
        return (await getDocumentById(document.id))?.status === "posted" ? ("posted" as const) : undefined;
      });
      if (next === "posted") break;
      if (!corrected && next.type === "REVIEW_EXTRACTION") {
        const read = await getLatestExtraction(document.id);
        const edited = await decide(operator, next.id, {
          action: "edit_and_approve",
          extractionId: read?.id ?? "",
          edits: { totalMinor: "6,685.45" },
        });
        expect(edited).toMatchObject({ ok: true });
        corrected = true;
      } else expect(await decide(admin, next.id, { action: "approve" })).toMatchObject({ ok: true });
    }
    expect(corrected).toBe(true);

    const run = await until("the finished run", async () => {
      const [row] = await engine.sql<{ id: string; status: string }[]>`
        select id, status from runs where function_id like '%process-document'
        and event->'data'->>'documentId' = ${document.id} and status = 'Completed'`;
      return row?.id;
    });
    const steps = await engine.sql<{ name: string | null; value: { data?: unknown } | null }[]>`
      select name, value from run_steps where run_id = ${run} and kind = 'run' and status = 'completed'`;
    for (const step of steps) {
      const name = step.name ?? "";
      const kind = stepKinds.find(([pattern]) => pattern.test(name))?.[1];
      if (kind) expectParses(kind, step.value?.data, `step ${name}`);
      else if (!unreadOutputs.test(name))
        throw new Error(
          `step ${name} has no payload kind: if the function reads its output, add a schema to domain/payloads and ` +
            "its pattern to stepKinds here; if not, add it to unreadOutputs.",
        );
    }

    const events = await engine.sql<{ name: string; data: unknown }[]>`
      select name, data from events where name like 'keel/%'`;
    const eventKinds: Record<string, PayloadKind> = {
      "keel/document.received": "event.document-received",
      "keel/task.resolved": "event.task-resolved",
      "keel/email.queued": "event.email-queued",
    };
    for (const event of events) {
      const kind = eventKinds[event.name];
      if (!kind) throw new Error(`${event.name} has no payload kind in domain/payloads/index.ts`);
      expectParses(kind, event.data, `event ${event.name}`);
    }

    const extraction = await getLatestExtraction(document.id);
    expectParses("stored.extraction", extraction?.extraction, "extractions.extraction");
    expectParses("stored.findings", extraction?.findings, "extractions.findings");
    expectParses("stored.risk", extraction?.risk, "extractions.risk");
    const posted = await getDocumentById(document.id);
    expectParses("stored.route", posted?.route, "documents.route");
    expectParses("stored.extracted-text", await getDocumentText(document.id), "document_texts.text");
    for (const task of await listTasksForDocument(document.id)) {
      expectParses("stored.task-proposed", task.proposed, `tasks.proposed of ${task.type}`);
      if (task.decided) expectParses("stored.task-decided", task.decided, `tasks.decided of ${task.type}`);
      if (task.parameters) expectParses("stored.task-parameters", task.parameters, `tasks.parameters of ${task.type}`);
    }
    const edits = await db()
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.correlationId, document.id), eq(auditLog.action, "task.fields_edited")));
    for (const edit of edits)
      expectParses("stored.audit-fields-edited", edit.after, "audit_log.after of fields_edited");

    expect([...recorded.keys()].sort()).toEqual(
      expect.arrayContaining([
        "event.document-received",
        "event.task-resolved",
        "step.check-rules",
        "step.open-task",
        "step.post",
        "step.read-decision",
        "stored.extraction",
        "stored.findings",
        "stored.risk",
        "stored.route",
        "stored.task-proposed",
        "stored.task-decided",
        "stored.task-parameters",
        "stored.audit-fields-edited",
        "stored.extracted-text",
      ]),
    );
    const version = process.env.KEEL_RECORD_PAYLOADS;
    if (version) writeFixtures(version);
  });
});
