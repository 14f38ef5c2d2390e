import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { envProblems } from "./testing/env-problems";

const sentence = "must be a whole number of seconds from 10 to 900, such as 120";

describe("KEEL_STEP_BUDGET_SECONDS", () => {
  it("gives a step that reads pages 120 s unless told otherwise, well under Vercel's 300 s", () => {
    expect(parseEnv({}).KEEL_STEP_BUDGET_SECONDS).toBe(120);
    expect(parseEnv({ KEEL_STEP_BUDGET_SECONDS: "250" }).KEEL_STEP_BUDGET_SECONDS).toBe(250);
  });

  it.each(["9", "901", "12.5", "two minutes"])("refuses %s with a sentence that says what it takes", (value) => {
    expect(envProblems({ KEEL_STEP_BUDGET_SECONDS: value })).toEqual([
      { name: "KEEL_STEP_BUDGET_SECONDS", message: sentence },
    ]);
  });
});
