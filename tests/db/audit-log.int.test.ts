import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db/index";
import { listAuditEntries, recordAudit } from "@/db/queries/audit";
import { auditLog } from "@/db/schema";
import { exportAuditCsv } from "@/services/audit/export";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

/** Five entries by one actor of their own: three about tasks, two about a user, in this order. */
async function someEntries() {
  const actor = `auditor-${randomBytes(4).toString("hex")}@keel.test`;
  const task = "0b7f1c52-8d0e-4c1e-9f5e-2a1b3c4d5e6f";
  const document = randomUUID();
  const write = (action: string, subjectType: string, after: Record<string, unknown>) =>
    recordAudit({
      actor: { id: null, label: actor },
      action,
      subjectType,
      subjectId: task,
      correlationId: subjectType === "task" ? document : null,
      after,
    });
  await write("task.opened", "task", { type: "APPROVE_SPEND" });
  await write("task.reject", "task", { reason: '=HYPERLINK("http://evil")' });
  await write("user.created", "user", { role: "approver" });
  await write("task.approve", "task", { approvers: 1 });
  await write("user.updated", "user", { role: "admin" });
  return { actor, task, document };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("the audit log, filtered", () => {
  it("narrows by actor (any part, any case), an exact action or an action prefix, subject, and document", async () => {
    const { actor, task, document } = await someEntries();
    const actions = async (filter: Parameters<typeof listAuditEntries>[0]) =>
      (await listAuditEntries({ actor, ...filter }, { limit: 50 })).entries.map((e) => e.action);
    expect(await actions({})).toEqual(["user.updated", "task.approve", "user.created", "task.reject", "task.opened"]);
    expect(await actions({ actor: actor.slice(0, 14).toUpperCase() })).toHaveLength(5);
    expect(await actions({ action: "task.reject" })).toEqual(["task.reject"]);
    expect(await actions({ action: "task.*" })).toEqual(["task.approve", "task.reject", "task.opened"]);
    expect(await actions({ action: "task.%" })).toEqual([]);
    expect(await actions({ subjectType: "user", subjectId: task })).toEqual(["user.updated", "user.created"]);
    expect(await actions({ correlationId: document })).toEqual(["task.approve", "task.reject", "task.opened"]);
    expect(await actions({ actor: "nobody-like-this" })).toEqual([]);
  });

  it("narrows by a range of moments, the end left out", async () => {
    const { actor } = await someEntries();
    const all = (await listAuditEntries({ actor }, { limit: 50 })).entries;
    const newest = all[0]?.at ?? new Date();
    const oldest = all.at(-1)?.at ?? new Date();
    const count = async (from: Date | undefined, to: Date | undefined) =>
      (await listAuditEntries({ actor, from, to }, { limit: 50 })).entries.length;
    expect(await count(new Date(newest.getTime() + 1), undefined)).toBe(0);
    expect(await count(undefined, oldest)).toBe(0);
    expect(await count(oldest, new Date(newest.getTime() + 1))).toBe(5);
  });

  it("pages newest first by keyset, each entry once, however many are written meanwhile", async () => {
    const { actor } = await someEntries();
    const first = await listAuditEntries({ actor }, { limit: 2 });
    expect(first.entries.map((e) => e.action)).toEqual(["user.updated", "task.approve"]);
    await recordAudit({ actor: { id: null, label: actor }, action: "task.late", subjectType: "task", subjectId: "x" });
    const second = await listAuditEntries({ actor }, { after: first.next ?? undefined, limit: 2 });
    expect(second.entries.map((e) => e.action)).toEqual(["user.created", "task.reject"]);
    const third = await listAuditEntries({ actor }, { after: second.next ?? undefined, limit: 2 });
    expect(third).toMatchObject({ entries: [{ action: "task.opened" }], next: null });
  });
});

describe("the audit export", () => {
  it("writes the filtered entries as CSV, newest first, with cells a spreadsheet will not run", async () => {
    const { actor, task, document } = await someEntries();
    const csv = await readAll(exportAuditCsv({ actor, action: "task.*" }));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("id,at,actor,actor_id,action,subject_type,subject_id,correlation_id,before,after");
    expect(lines.slice(1, -1).map((l) => l.split(",")[4])).toEqual(["task.approve", "task.reject", "task.opened"]);
    expect(lines[2]).toContain(`,${actor},,task.reject,task,${task},${document},`);
    expect(lines[2]?.endsWith(`"{""reason"":""=HYPERLINK(\\""http://evil\\"")""}"`)).toBe(true);
    expect(lines.at(-1)).toBe("");
  });

  it("reads past one page of entries", async () => {
    const actor = `bulk-${randomBytes(4).toString("hex")}`;
    await db()
      .insert(auditLog)
      .values(
        Array.from({ length: 1_100 }, (_, i) => ({
          actorLabel: actor,
          action: "task.opened",
          subjectType: "task",
          subjectId: String(i),
        })),
      );
    const csv = await readAll(exportAuditCsv({ actor }));
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1_101);
  });

  it("keeps a formula in a label from running in a spreadsheet", async () => {
    const actor = `=cmd|' /C calc'!A0 ${randomBytes(4).toString("hex")}`;
    await recordAudit({
      actor: { id: null, label: actor },
      action: "sign_in.refused",
      subjectType: "sign_in",
      subjectId: "-1",
    });
    const csv = await readAll(exportAuditCsv({ actor }));
    const row = csv.split("\r\n")[1] ?? "";
    expect(row).toContain(`,'${actor},`);
    expect(row).toContain(",sign_in,'-1,");
  });
});
