import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { ProvenanceFacts } from "./provenance";

const fixturesDir = "ai/deterministic/fixtures";

/** The extractor: what can be tuned on fixtures. Its tests, its fixtures and the scoring of them are not. */
export const extractorPathspecs = [
  ":(glob)ai/deterministic/**/*.ts",
  ":(glob)domain/parse/**/*.ts",
  "ai/deterministic-provider.ts",
  `:(exclude,glob)${fixturesDir}/**`,
  ":(exclude)ai/deterministic/score.ts",
  ":(exclude,glob)**/*.test.ts",
];

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    timeout: 10_000,
    maxBuffer: 16 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Reads from git when the extractor last changed and when each fixture was added: three commands, each bounded in
 * time. A tarball, a shallow clone (every file looks added by its one commit) or a git that fails means no history.
 */
export function readProvenanceFacts(cwd: string): ProvenanceFacts {
  try {
    if (git(cwd, ["rev-parse", "--is-inside-work-tree"]).trim() !== "true")
      return { history: false, reason: "not a git checkout" };
    if (git(cwd, ["rev-parse", "--is-shallow-repository"]).trim() === "true") {
      return { history: false, reason: "a shallow clone; fetch with --unshallow to split the fixtures" };
    }
    const log = git(cwd, ["log", "--format=%H %h %ct", "--", ...extractorPathspecs]);
    const { commit, time } = lastChange(log, formattingRevs(cwd)) ?? { commit: "", time: "" };
    const extractorDirty = git(cwd, ["status", "--porcelain", "--", ...extractorPathspecs]).trim() !== "";
    return {
      history: true,
      extractorChangedAt: time ? Number(time) : null,
      extractorCommit: commit || null,
      extractorDirty,
      fixtureAddedAt: parseAdditions(
        git(cwd, ["log", "--diff-filter=A", "--format=@%ct", "--name-only", "--", fixturesDir]),
      ),
    };
  } catch (error) {
    return {
      history: false,
      reason: error instanceof Error ? (error.message.split("\n")[0] ?? "git failed") : "git failed",
    };
  }
}

/**
 * The commits `.git-blame-ignore-revs` lists: formatting alone (Prettier over the tree), which `git blame` skips
 * and which tune nothing, so they do not make every fixture "written before the extractor's last change".
 */
function formattingRevs(cwd: string): Set<string> {
  const file = path.join(cwd, ".git-blame-ignore-revs");
  if (!fs.existsSync(file)) return new Set();
  const revs = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim());
  return new Set(revs.filter((line) => /^[0-9a-f]{40}$/u.test(line)));
}

/** `git log --format="%H %h %ct"` output, newest first: the newest commit that is not formatting alone. */
export function lastChange(log: string, formatting: Set<string>): { commit: string; time: string } | undefined {
  for (const line of log.split("\n")) {
    const [full = "", commit = "", time = ""] = line.trim().split(" ");
    if (full && !formatting.has(full)) return { commit, time };
  }
  return undefined;
}

/** `git log --format=@%ct --name-only` output, newest first: each file's latest addition. */
export function parseAdditions(log: string): Map<string, number> {
  const added = new Map<string, number>();
  let time = 0;
  for (const line of log.split("\n")) {
    if (line.startsWith("@")) time = Number(line.slice(1));
    else if (line.trim() && !added.has(basename(line.trim()))) added.set(basename(line.trim()), time);
  }
  return added;
}

function basename(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1);
}
