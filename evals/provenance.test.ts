import { describe, expect, it } from "vitest";
import { lastChange, parseAdditions } from "./git-provenance";
import { classifyFixtures, type ProvenanceFacts } from "./provenance";

const facts = (over: Partial<Extract<ProvenanceFacts, { history: true }>> = {}): ProvenanceFacts => ({
  history: true,
  extractorChangedAt: 1_000,
  extractorCommit: "abc1234",
  extractorDirty: false,
  fixtureAddedAt: new Map([
    ["old.txt", 900],
    ["same-commit.txt", 1_000],
    ["new.txt", 1_100],
  ]),
  ...over,
});

describe("classifyFixtures", () => {
  it("holds out a fixture added after the extractor's last change, and only that one", () => {
    const { setOf, note } = classifyFixtures(facts());
    expect([setOf("old.txt"), setOf("same-commit.txt"), setOf("new.txt")]).toEqual(["before", "before", "after"]);
    expect(note).toBeNull();
  });

  it("holds out a fixture not committed yet", () => {
    expect(classifyFixtures(facts()).setOf("uncommitted.txt")).toBe("after");
  });

  it("holds out every fixture when the extractor never changed in the history", () => {
    expect(classifyFixtures(facts({ extractorChangedAt: null })).setOf("old.txt")).toBe("after");
  });

  it("counts everything as before, and says why, when the extractor has uncommitted changes", () => {
    const { setOf, note } = classifyFixtures(facts({ extractorDirty: true }));
    expect([setOf("new.txt"), setOf("uncommitted.txt")]).toEqual(["before", "before"]);
    expect(note).toMatch(/uncommitted changes/u);
  });

  it("counts everything as before, and says why, without git history", () => {
    const { setOf, note } = classifyFixtures({ history: false, reason: "not a git checkout" });
    expect(setOf("new.txt")).toBe("before");
    expect(note).toBe("No git history (not a git checkout): every fixture counts as written before the extractor.");
  });
});

describe("parseAdditions", () => {
  it("keeps each fixture's newest addition from a newest-first log, by file name", () => {
    const log = [
      "@300",
      "",
      "ai/deterministic/fixtures/a.txt",
      "",
      "@200",
      "",
      "ai/deterministic/fixtures/a.txt",
      "ai/deterministic/fixtures/b.txt",
      "",
    ].join("\n");
    expect([...parseAdditions(log)]).toEqual([
      ["a.txt", 300],
      ["b.txt", 200],
    ]);
  });
});

describe("lastChange", () => {
  const log = [`${"b".repeat(40)} bbbbbbb 300`, `${"a".repeat(40)} aaaaaaa 200`, ""].join("\n");

  it("is the newest commit to the extractor", () => {
    expect(lastChange(log, new Set())).toEqual({ commit: "bbbbbbb", time: "300" });
  });

  it("skips a commit listed as formatting alone", () => {
    expect(lastChange(log, new Set(["b".repeat(40)]))).toEqual({ commit: "aaaaaaa", time: "200" });
    expect(lastChange(log, new Set(["a".repeat(40), "b".repeat(40)]))).toBeUndefined();
  });
});
