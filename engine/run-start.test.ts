import { describe, expect, it } from "vitest";
import { cancelledError, timeoutError } from "./run-start";

describe("the error an invoker of a timed-out run gets", () => {
  it("keeps Inngest Cloud's 'function cancelled' as the error and the message's prefix", () => {
    expect(cancelledError("invoked run 01J was cancelled")).toEqual({
      name: "Error",
      error: "function cancelled",
      message: "function cancelled: invoked run 01J was cancelled",
    });
  });

  it("names which timeout passed and its configured duration", () => {
    expect(timeoutError({ which: "start", after: "2s" }).message).toBe(
      "function cancelled: timeouts.start (2s) passed before the run's first call began",
    );
    expect(timeoutError({ which: "finish", after: "1h" }).message).toBe(
      "function cancelled: timeouts.finish (1h) passed since the run's first call began",
    );
    // A timer queued before the duration rode along in its payload still says which timeout it was.
    expect(timeoutError({ which: "finish" }).message).toBe(
      "function cancelled: timeouts.finish passed since the run's first call began",
    );
  });
});
