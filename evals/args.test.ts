import { describe, expect, it } from "vitest";
import { parseEvalArgs } from "./args";

describe("parseEvalArgs", () => {
  it("runs the deterministic eval when given nothing", () => {
    expect(parseEvalArgs([])).toEqual({
      provider: "deterministic",
      record: false,
      cases: null,
      models: null,
      update: false,
      verbose: false,
    });
  });

  it("reads the provider, recording, models and another case folder", () => {
    expect(
      parseEvalArgs(["--provider", "anthropic", "--record", "--models", "a, b", "--cases", "/tmp/cases"]),
    ).toMatchObject({ provider: "anthropic", record: true, models: ["a", "b"], cases: "/tmp/cases" });
  });

  it.each([
    [["--provider", "openai"], 'Unknown provider "openai": use deterministic, anthropic, recorded.'],
    [["--record"], "--record keeps a model's answers: use it with --provider anthropic."],
    [["--provider", "recorded", "--models", "a"], "--models chooses the models an anthropic run scores"],
    [["--provider", "anthropic", "--update"], "--update writes the deterministic baseline: use it without --provider."],
    [["--cases"], "--cases needs a value."],
    [["--provider", "anthropic", "--models", ","], "--models needs at least one model id."],
    [["--verbos"], 'Unknown argument "--verbos".'],
  ])("refuses %j with what to do", (argv, message) => {
    expect(() => parseEvalArgs(argv)).toThrow(message);
  });
});
