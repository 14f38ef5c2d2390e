import { describe, expect, it } from "vitest";
import { findFlaggedTerms } from "./language";

describe("findFlaggedTerms", () => {
  it("finds anger and legal words, each once, in the order seen, in any case", () => {
    expect(
      findFlaggedTerms(
        "This is UNACCEPTABLE. My lawyer says unacceptable; I will file a chargeback and go to Small Claims.",
      ),
    ).toEqual([
      { kind: "angry", term: "unacceptable" },
      { kind: "legal", term: "lawyer" },
      { kind: "legal", term: "chargeback" },
      { kind: "legal", term: "small claims" },
    ]);
  });

  it("matches whole words only", () => {
    expect(findFlaggedTerms("There is an issue with the suede jacket; thanks for your courtesy.")).toEqual([]);
  });

  it("reads hyphenated and curly-apostrophe words", () => {
    expect(findFlaggedTerms("What a rip-off, they’re liars")).toEqual([
      { kind: "angry", term: "rip off" },
      { kind: "angry", term: "liars" },
    ]);
  });

  it("finds German and French legal words", () => {
    expect(findFlaggedTerms("Mein Anwalt meldet sich. J'irai au tribunal.").map((t) => t.term)).toEqual([
      "anwalt",
      "tribunal",
    ]);
  });

  // Hostile shapes of 5 MB each: the scan is one pass, so each finishes; a backtracking pattern would not.
  it.each([
    ["one long word", "a".repeat(5 * 1024 * 1024)],
    ["apostrophes and letters", "a'".repeat(2.5 * 1024 * 1024)],
    ["hyphen chains", "a-".repeat(2.5 * 1024 * 1024)],
    ["many short words", "su ".repeat(1.7 * 1024 * 1024)],
    ["a term repeated", "sue ".repeat(1.3 * 1024 * 1024)],
  ])("reads 5 MB of %s", (_, text) => {
    expect(Array.isArray(findFlaggedTerms(text))).toBe(true);
  });

  it("still finds a term at the end of 5 MB", () => {
    expect(findFlaggedTerms(`${"fine words ".repeat(480_000)} lawsuit`)).toEqual([{ kind: "legal", term: "lawsuit" }]);
  });
});
