import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * `npm test`: every check Keel has, in order, then one closing line `N passed, N failed` over all of them
 * (CI reads no runner's own summary). Static checks count as one each; test runners count their tests.
 */
type Outcome = { name: string; passed: number; failed: number; skipped: number };

const results = path.resolve(".tmp", "results");
fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });
const bin = (name: string) => path.resolve("node_modules", ".bin", name);

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${[path.basename(command), ...args].join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
  });
  return result.status === 0;
}

function check(name: string, command: string, args: string[], extraEnv?: Record<string, string>): Outcome {
  const ok = run(command, args, extraEnv);
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

type VitestJson = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
};
type PlaywrightSuite = {
  title: string;
  file?: string;
  specs?: { title: string; line?: number; tests: { status: string; results: { error?: { message?: string } }[] }[] }[];
  suites?: PlaywrightSuite[];
};
type PlaywrightJson = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites?: PlaywrightSuite[];
};

// CI keeps only the tail of the output: the failures are named again there, each with the first line of its error.
const failures: string[] = [];
const firstLine = (text: string | undefined) =>
  (text ?? "")
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "")
    .split("\n")
    .find((line) => line.trim())
    ?.trim()
    .slice(0, 300) ?? "";

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function vitest(projects: string[], label = "vitest"): Outcome {
  const file = path.join(results, `${label}.json`);
  const selected = projects.flatMap((project) => ["--project", project]);
  const ok = run(bin("vitest"), [
    "run",
    ...selected,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${file}`,
  ]);
  const json = readJson(file) as VitestJson | undefined;
  if (!json) return { name: label, passed: 0, failed: 1, skipped: 0 };
  for (const file of json.testResults ?? []) {
    const name = path.relative(process.cwd(), file.name);
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of failedTests)
      failures.push(`${label} ${name} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (file.status === "failed" && failedTests.length === 0)
      failures.push(`${label} ${name}: ${firstLine(file.message)}`);
  }
  const failed = json.numFailedTests + (ok || json.numFailedTests > 0 ? 0 : 1);
  return { name: label, passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests };
}

function playwright(name = "e2e", config = "playwright.config.ts", report = "e2e.json"): Outcome {
  const ok = run(bin("playwright"), ["test", "--config", config]);
  const json = readJson(path.join(results, report)) as PlaywrightJson | undefined;
  if (!json) return { name, passed: 0, failed: 1, skipped: 0 };
  const visit = (suite: PlaywrightSuite, file: string) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status === "expected" || t.status === "skipped") continue;
        const error = t.results.find((r) => r.error)?.error?.message;
        failures.push(`${name} ${file}:${spec.line ?? ""} › ${spec.title} (${t.status}): ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, child.file ?? file);
  };
  for (const suite of json.suites ?? []) visit(suite, suite.file ?? suite.title);
  const { expected, unexpected, flaky, skipped } = json.stats;
  // A flaky pass is not a pass.
  const failed = unexpected + flaky + (ok || unexpected + flaky > 0 ? 0 : 1);
  return { name, passed: expected, failed, skipped };
}

const outcomes: Outcome[] = [
  check("typecheck", bin("tsc"), ["--noEmit"]),
  check("lint", bin("eslint"), [".", "--max-warnings", "0"]),
  check("format", bin("prettier"), ["--check", "."]),
  check("migrations match schema", bin("drizzle-kit"), ["check"]),
  vitest(["unit", "integration", "engine-no-checkpoint"]),
  check("eval: no extraction regression", bin("tsx"), ["evals/run.ts"]),
  check("eval: recorded model answers", bin("tsx"), ["evals/run.ts", "--provider", "recorded"]),
];
// Standalone, as the Dockerfile builds: the "built" tests run what it ships. The worker bundle comes first.
const built = check("build", "npm", ["run", "build"], { KEEL_STANDALONE: "1" });
outcomes.push(built);
outcomes.push(built.failed ? { name: "built", passed: 0, failed: 1, skipped: 0 } : vitest(["built"], "built"));
outcomes.push(built.failed ? { name: "e2e", passed: 0, failed: 1, skipped: 0 } : playwright());
const production = ["e2e production-shaped", "playwright.production.config.ts", "e2e-production.json"] as const;
outcomes.push(built.failed ? { name: production[0], passed: 0, failed: 1, skipped: 0 } : playwright(...production));

if (failures.length > 0) {
  console.log("\nFailed");
  for (const failure of failures) console.log(`  ${failure}`);
}
console.log("\nSummary");
for (const o of outcomes) {
  console.log(
    `  ${o.name.padEnd(24)} ${o.passed} passed, ${o.failed} failed${o.skipped ? `, ${o.skipped} skipped` : ""}`,
  );
}
const total = outcomes.reduce(
  (sum, o) => ({ passed: sum.passed + o.passed, failed: sum.failed + o.failed, skipped: sum.skipped + o.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
// A skipped test is not a passing one: it fails the run.
const failed = total.failed + total.skipped;
console.log(`${total.passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
