import { describe, expect, it } from "vitest";
import { durationMs, parseEnv } from "./env";
import { envProblems } from "./testing/env-problems";

describe("the model budget settings", () => {
  it("defaults to 50 calls a minute and 4 at once per lane, a 30 s start and a 4 min finish budget", () => {
    expect(parseEnv({})).toMatchObject({
      KEEL_MODEL_RPM: 50,
      KEEL_MODEL_CONCURRENCY: 4,
      KEEL_FALLBACK_MODEL_RPM: 50,
      KEEL_FALLBACK_MODEL_CONCURRENCY: 4,
      KEEL_MODEL_START_TIMEOUT: "30s",
      KEEL_MODEL_FINISH_TIMEOUT: "4m",
    });
  });

  it("refuses limits that are not whole numbers of calls, naming the variable and what to enter", () => {
    expect(envProblems({ KEEL_MODEL_RPM: "0", KEEL_FALLBACK_MODEL_CONCURRENCY: "2.5" })).toEqual([
      { name: "KEEL_MODEL_RPM", message: "must be a whole number of model calls per minute, 1 or more, such as 50" },
      {
        name: "KEEL_FALLBACK_MODEL_CONCURRENCY",
        message: "must be a whole number of model calls at once, 1 or more, such as 4",
      },
    ]);
    expect(envProblems({ KEEL_MODEL_CONCURRENCY: "many" })[0]?.name).toBe("KEEL_MODEL_CONCURRENCY");
  });

  it("reads timeouts as Inngest durations and refuses anything else", () => {
    expect(durationMs("1h30m")).toBe(5_400_000);
    expect(durationMs("500ms")).toBe(500);
    expect(envProblems({ KEEL_MODEL_START_TIMEOUT: "30 seconds" })).toEqual([
      { name: "KEEL_MODEL_START_TIMEOUT", message: "must be a duration like 30s, 4m or 1h30m" },
    ]);
    expect(envProblems({ KEEL_MODEL_START_TIMEOUT: "0s" })).toEqual([
      { name: "KEEL_MODEL_START_TIMEOUT", message: "must be longer than zero, such as 30s" },
    ]);
  });

  it("leaves the models' effort to each model unless it is one of the API's levels", () => {
    expect(parseEnv({}).KEEL_MODEL_EFFORT).toBeUndefined();
    expect(parseEnv({ KEEL_MODEL_EFFORT: "" }).KEEL_MODEL_EFFORT).toBeUndefined();
    expect(parseEnv({ KEEL_MODEL_EFFORT: "low" }).KEEL_MODEL_EFFORT).toBe("low");
    expect(envProblems({ KEEL_MODEL_EFFORT: "minimal" })).toEqual([
      {
        name: "KEEL_MODEL_EFFORT",
        message: "must be one of low, medium, high, xhigh, max, or unset for the model's default",
      },
    ]);
  });

  it("refuses a finish budget too short for a slow call's three attempts", () => {
    expect(envProblems({ KEEL_MODEL_FINISH_TIMEOUT: "2m", KEEL_MODEL_TIMEOUT_MS: "60000" })).toEqual([
      {
        name: "KEEL_MODEL_FINISH_TIMEOUT",
        message: "must be longer than 3 attempts of KEEL_MODEL_TIMEOUT_MS (180s), such as 4m",
      },
    ]);
    expect(envProblems({ KEEL_MODEL_FINISH_TIMEOUT: "40s", KEEL_MODEL_TIMEOUT_MS: "10000" })).toEqual([]);
  });
});
