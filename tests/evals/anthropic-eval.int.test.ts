import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectations } from "@/ai/deterministic/fixtures/expected";
import { promptSha256 } from "@/ai/evals/prompts";
import { deterministicExtract, scoreCase } from "@/ai/evals/score-case";
import { extractPrompt } from "@/ai/prompts";
import { closeDocumentPool } from "@/ai/sandbox";
import type { EvalCase } from "@/domain/evals/case";
import { readCaseFiles } from "@/evals/case-files";
import { EvalRunError, runAnthropicEval, runRecordedEval } from "@/evals/model-run";
import { readRecordedCases } from "@/evals/recorded";
import { readRecord } from "@/evals/records";
import { startFakeAnthropic, type FakeAnthropic } from "../fakes/anthropic-server";
import { documentOf, fakeModelAnswer } from "./fake-model";

const exec = promisify(execFile);
const model = "claude-haiku-4-5";
const fixtures = expectations.filter((e) => e.file === "invoice-us-acme.txt" || e.file === "invoice-uk-brightwave.txt");

const promoted: EvalCase = {
  version: 1,
  id: "promoted-3f0c2a8e-7c1d-4c55-9d7e-2b1f4f7f9a10",
  source: "promoted",
  filename: "acme-tools.pdf",
  text: {
    source: "pdf-text",
    pages: [
      {
        page: 1,
        text: "ACME Tools GmbH\nRECHNUNG\nRechnungsnummer: INV-2041\nRechnungsdatum: 2026-03-12\nGesamtbetrag EUR 1.190,00",
      },
    ],
  },
  expected: { documentNumber: "INV-2041", totalMinor: "119000", poNumber: null },
  promotedBy: "admin@example.com",
  promotedAt: "2026-11-29T10:00:00.000Z",
};

let fake: FakeAnthropic;
let dir: string;
const seen = new Map<string, number>();

beforeAll(async () => {
  fake = await startFakeAnthropic();
  dir = mkdtempSync(path.join(os.tmpdir(), "keel-eval-"));
});
afterAll(async () => {
  await fake.close();
  await closeDocumentPool();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  seen.clear();
  fake.requests.length = 0;
  // The Acme invoice is rate limited once; the Brightwave one gets prose instead of a tool call; the rest answer.
  const model = fakeModelAnswer();
  fake.respond = (body) => {
    const first = (body.messages as { content: unknown }[])[0]?.content;
    const page = documentOf(typeof first === "string" ? first : "").pages[0]?.text ?? "";
    const doc = page.includes("Acme Industrial") ? "acme" : page.includes("BRIGHTWAVE") ? "brightwave" : "other";
    const count = (seen.get(doc) ?? 0) + 1;
    seen.set(doc, count);
    if (doc === "acme" && count === 1) return { kind: "status", status: 429, retryAfter: "0" };
    if (doc === "brightwave") return { kind: "text", text: "The total is 1,787.98 GBP." };
    return model(body);
  };
});

const folders = () => ({ recordsDir: path.join(dir, "records"), recordedDir: path.join(dir, "recorded") });

describe("npm run eval -- --provider anthropic, against the fake Messages API", () => {
  it("retries a 429, counts an answer without a tool call as a miss, and records answers and scores", async () => {
    const run = await runAnthropicEval({
      caseFiles: [promoted],
      fixtures,
      log: () => undefined,
      apiKey: "sk-ant-test",
      baseURL: fake.url,
      models: [model],
      timeoutMs: 10_000,
      record: true,
      source: "fake-messages-api",
      ...folders(),
    });
    const results = run.results[model] ?? [];
    expect(results.map((r) => [r.id, r.failure?.split(":")[0] ?? null])).toEqual([
      ["invoice-us-acme", null],
      ["invoice-uk-brightwave", "invalid_output"],
      [promoted.id, null],
    ]);
    expect(seen.get("acme")).toBe(2);
    // A miss is every field the case expects, none of them right.
    const brightwave = results[1]?.checks ?? [];
    expect(brightwave.map((c) => c.field)).toEqual(Object.keys(fixtures[1] ?? {}).filter((k) => k !== "file"));
    expect(brightwave.every((c) => !c.ok)).toBe(true);
    expect(results[2]?.checks).toEqual([
      { field: "documentNumber", expected: "INV-2041", actual: "INV-2041", ok: true },
      { field: "totalMinor", expected: "119000", actual: "119000", ok: true },
      { field: "poNumber", expected: null, actual: null, ok: true },
    ]);
    expect(run.scores[model]?.caseFiles).toEqual({
      documentNumber: { correct: 1, total: 1 },
      totalMinor: { correct: 1, total: 1 },
      poNumber: { correct: 1, total: 1 },
    });
    expect(run.scores[model]?.fixtures.totalMinor?.total).toBe(2);

    const record = readRecord(extractPrompt.version, folders().recordsDir);
    expect(record).toMatchObject({
      promptVersion: extractPrompt.version,
      promptSha256: promptSha256(readFileSync(`ai/prompts/${extractPrompt.version}.ts`, "utf8")),
      models: [model],
      provider: "anthropic",
      source: "fake-messages-api",
      baseUrl: fake.url,
      cases: 3,
      caseFiles: [promoted.id],
      scores: run.scores,
    });
    const answers = readRecordedCases(extractPrompt.version, folders().recordedDir);
    expect([...answers.keys()].sort()).toEqual(["invoice-uk-brightwave", "invoice-us-acme", promoted.id]);
    expect(answers.get("invoice-us-acme")?.answers[model]?.map((a) => a.status)).toEqual([429, 200]);
  });

  it("records nothing when no case got an answer, and says what to check", async () => {
    fake.respond = () => ({
      kind: "status",
      status: 401,
      body: { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } },
    });
    const elsewhere = path.join(dir, "refused");
    const run = runAnthropicEval({
      caseFiles: [promoted],
      fixtures,
      log: () => undefined,
      apiKey: "sk-ant-wrong",
      baseURL: fake.url,
      models: [model],
      timeoutMs: 10_000,
      record: true,
      source: "anthropic",
      recordsDir: path.join(elsewhere, "records"),
      recordedDir: path.join(elsewhere, "recorded"),
    });
    await expect(run).rejects.toThrow(EvalRunError);
    await expect(run).rejects.toThrow(
      /^No case got an answer from claude-haiku-4-5 \(the first: permanent: The model answered 401: .*\)\. Check ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL and the model id; nothing was recorded\.$/,
    );
    expect(existsSync(elsewhere)).toBe(false);
  });

  it("replays those answers without a key or the network and reproduces the record's scores", async () => {
    const requests = fake.requests.length;
    const replay = await runRecordedEval({ caseFiles: [promoted], fixtures, log: () => undefined, ...folders() });
    expect(fake.requests.length).toBe(requests);
    expect(replay.reproduces).toBe(true);
    expect(replay.scores).toEqual(readRecord(extractPrompt.version, folders().recordsDir)?.scores);
    expect(replay.results[model]?.[1]?.failure).toMatch(/^invalid_output: /);
  });

  it("reproduces the committed record from the committed answers", async () => {
    const replay = await runRecordedEval({ caseFiles: readCaseFiles(), log: () => undefined });
    const record = readRecord(extractPrompt.version);
    expect(replay.reproduces).toBe(true);
    for (const m of record?.models ?? []) expect(replay.scores[m]?.fixtures).toEqual(record?.scores[m]?.fixtures);
  });
});

describe("the eval command", () => {
  const run = (args: string[], env: Record<string, string>) =>
    exec("npx", ["tsx", "evals/run.ts", ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (error: unknown) => {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, out: e.stdout, err: e.stderr };
      },
    );

  it("scores Claude at ANTHROPIC_BASE_URL on the fixtures and the case files of --cases", async () => {
    const cases = path.join(dir, "cases");
    rmSync(cases, { recursive: true, force: true });
    mkdirSync(cases, { recursive: true });
    writeFileSync(path.join(cases, `${promoted.id}.json`), JSON.stringify(promoted));
    const committed = readFileSync(`evals/records/${extractPrompt.version}.json`, "utf8");
    const result = await run(["--provider", "anthropic", "--models", model, "--cases", cases], {
      ANTHROPIC_API_KEY: "sk-ant-test",
      ANTHROPIC_BASE_URL: fake.url,
    });
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(
      `Prompt ${extractPrompt.version}: ${String(expectations.length)} fixtures (text layout)`,
    );
    expect(result.out).toMatch(
      /Eval case files: 1 case\(s\)\nfield +claude-haiku-4-5\ndocumentNumber +100\.0 % {2}1\/1/,
    );
    const misses = result.out.split("\n").find((line) => line.startsWith(`${model}: `)) ?? "";
    expect(misses).toMatch(
      new RegExp(`^${model}: \\d+ of ${String(expectations.length + 1)} case\\(s\\) without an answer`),
    );
    expect(misses).toContain("invoice-uk-brightwave (invalid_output: ");
    expect(misses).not.toContain(promoted.id);
    // Without --record the committed record stays as it was.
    expect(readFileSync(`evals/records/${extractPrompt.version}.json`, "utf8")).toBe(committed);
  }, 180_000);

  it("without ANTHROPIC_API_KEY says to set it or replay the recorded answers", async () => {
    const result = await run(["--provider", "anthropic"], { ANTHROPIC_API_KEY: "" });
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      "ANTHROPIC_API_KEY is not set. Set it to score the prompt on Claude (ANTHROPIC_BASE_URL is honoured), or run npm run eval -- --provider recorded to replay the stored answers.",
    );
  });

  it("refuses an invalid case file, naming it and the zod issue", async () => {
    const cases = path.join(dir, "bad-cases");
    mkdirSync(cases, { recursive: true });
    writeFileSync(path.join(cases, "promoted-x.json"), JSON.stringify({ ...promoted, version: 2 }));
    const result = await run(["--provider", "recorded", "--cases", cases], {});
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/promoted-x\.json is not an eval case \(domain\/evals\/case\.ts\): version: /);
  });
});

describe("deterministicExtract", () => {
  it("scores a case with the offline chain in a document reader process", async () => {
    const score = await scoreCase(promoted, deterministicExtract);
    expect(score.checks.find((c) => c.field === "documentNumber")).toMatchObject({ actual: "INV-2041", ok: true });
  });
});
