import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { listEvalCases } from "@/db/queries/eval-cases";
import { evalCaseSchema } from "@/domain/evals/case";
import { decide } from "@/services/tasks/decide";
import { exportEvalCases } from "@/services/evals/export";
import { promoteToEvalCase } from "@/services/evals/promote";
import type { User } from "@/db/schema";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";
import { acmeCorrections, misreadInvoiceTask } from "./helpers";

const database = withKeelDatabase();

const run = promisify(execFile);

async function evalExport(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/eval-export.ts", ...args],
      { env: { ...process.env, DATABASE_URL: database().url, LOG_LEVEL: "silent" } },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

let admin: User;
let reviewer: User;
let decided: { taskId: string; documentId: string };
let out: string;

beforeAll(async () => {
  admin = await makeUser({ role: "admin", name: "Ada Admin" });
  reviewer = await makeUser({ role: "operator" });
  const { task, documentId, extractionId } = await misreadInvoiceTask();
  const result = await decide(reviewer, task.id, { action: "edit_and_approve", extractionId, edits: acmeCorrections });
  if (!result.ok) throw new Error(`decide: ${result.message}`);
  decided = { taskId: task.id, documentId };
  out = await mkdtemp(path.join(tmpdir(), "keel-eval-cases-"));
});

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("promoting a decided task's document to an eval case", () => {
  it("stores one case with the text and the corrected values as expected, who and when, and audits it", async () => {
    const result = await promoteToEvalCase(admin, decided.taskId);
    expect(result).toMatchObject({ ok: true, data: { id: `promoted-${decided.documentId}` } });

    const cases = await listEvalCases();
    expect(cases).toHaveLength(1);
    const [stored] = cases;
    expect(stored).toMatchObject({
      id: `promoted-${decided.documentId}`,
      documentId: decided.documentId,
      taskId: decided.taskId,
      promotedBy: admin.id,
      promotedByEmail: admin.email,
    });
    expect(stored?.expected).toMatchObject({
      documentNumber: "INV-2025-00418",
      totalMinor: "168545",
      vendorName: "Acme Industrial Supply, Inc.",
      currency: "USD",
      issueDate: "2025-03-04",
    });
    expect(stored?.text.pages[0]?.text).toContain("INV-2025-00418");
    expect(stored?.text.pages[0]).not.toHaveProperty("spans");

    const audit = await listAuditForSubject("task", decided.taskId);
    expect(audit.find((e) => e.action === "task.promoted_to_eval_case")).toMatchObject({
      actorId: admin.id,
      correlationId: decided.documentId,
    });
  });

  it("keeps one case when promoted again, and says by whom and when it already is one", async () => {
    const again = await promoteToEvalCase(admin, decided.taskId);
    expect(again).toMatchObject({ ok: false, code: "conflict:eval_case" });
    expect(again.ok ? "" : again.message).toMatch(
      new RegExp(`already eval case promoted-${decided.documentId}, promoted by Ada Admin at \\d{4}-\\d\\d-\\d\\d`),
    );
    expect(await listEvalCases()).toHaveLength(1);
  });

  it("turns an approver away", async () => {
    const approver = await makeUser({ role: "approver" });
    expect(await promoteToEvalCase(approver, decided.taskId)).toMatchObject({ ok: false, code: "forbidden:evals" });
  });

  it("refuses a document with no extracted text, saying why", async () => {
    const { task, extractionId } = await misreadInvoiceTask({ withText: false });
    const result = await decide(reviewer, task.id, { action: "approve", extractionId });
    expect(result.ok).toBe(true);
    const refused = await promoteToEvalCase(admin, task.id);
    expect(refused).toMatchObject({ ok: false, code: "conflict:eval_case" });
    expect(refused.ok ? "" : refused.message).toMatch(/no extracted text/);
    expect(await listEvalCases()).toHaveLength(1);
  });

  it("refuses a task nobody has decided yet", async () => {
    const { task } = await misreadInvoiceTask();
    const refused = await promoteToEvalCase(admin, task.id);
    expect(refused.ok ? "" : refused.message).toMatch(/Only a decided task/);
  });
});

describe("exporting the cases and scoring them with npm run eval", () => {
  it("writes each case as <id>.json in the case schema, and a re-export changes nothing", async () => {
    const first = await exportEvalCases(out);
    expect(first).toEqual([
      {
        id: `promoted-${decided.documentId}`,
        file: path.join(out, `promoted-${decided.documentId}.json`),
        changed: true,
      },
    ]);
    const file = path.join(out, `promoted-${decided.documentId}.json`);
    const content = await readFile(file, "utf8");
    expect(evalCaseSchema.parse(JSON.parse(content))).toMatchObject({
      source: "promoted",
      promotedBy: admin.email,
      expected: { totalMinor: "168545", documentNumber: "INV-2025-00418" },
    });
    const second = await exportEvalCases(out);
    expect(second.map((c) => c.changed)).toEqual([false]);
    expect(await readFile(file, "utf8")).toBe(content);
    expect(await readdir(out)).toEqual([`promoted-${decided.documentId}.json`]);
  });

  it("npm run eval:export writes the cases from DATABASE_URL into --out and says what it wrote", async () => {
    const dir = path.join(out, "from-script");
    const first = await evalExport("--out", dir);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toMatch(new RegExp(`wrote +\\S*promoted-${decided.documentId}\\.json`));
    expect(first.out).toMatch(/1 eval case\(s\) in .*: 1 written, 0 unchanged\./);
    expect(await readFile(path.join(dir, `promoted-${decided.documentId}.json`), "utf8")).toBe(
      await readFile(path.join(out, `promoted-${decided.documentId}.json`), "utf8"),
    );
    expect((await evalExport("--out", dir)).out).toMatch(/0 written, 1 unchanged\./);
  });

  it("npm run eval:export refuses a flag it does not know, with its usage", async () => {
    const refused = await evalExport("--into", out);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/Unknown option '--into'[\s\S]*Usage: npm run eval:export \[-- --out <dir>\]/);
  });

  // npm run eval scores every fixture in every layout before the case files: a minute on an idle machine.
  it("shows the promoted case in npm run eval's per-field scores", async () => {
    const { stdout } = await run("npx", ["tsx", "evals/run.ts", "--cases", out], {
      cwd: process.cwd(),
      timeout: 280_000,
      maxBuffer: 10 * 1024 * 1024,
    });
    const cases = stdout.slice(stdout.indexOf("Eval case files:"));
    expect(cases).toMatch(/^Eval case files: 1 case\(s\)/);
    // The corrected values are what the invoice says, and the offline chain reads it right.
    expect(cases).toMatch(/\ntotalMinor +100\.0 % +1\/1\n/);
    expect(cases).toMatch(/\ndocumentNumber +100\.0 % +1\/1\n/);
  }, 300_000);
});
