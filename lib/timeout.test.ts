import { describe, expect, it } from "vitest";
import { TimeoutError, withTimeout } from "./timeout";

describe("withTimeout", () => {
  it("settles with the work when it finishes in time", async () => {
    await expect(withTimeout("quick", 1000, Promise.resolve(7))).resolves.toBe(7);
  });

  it("rejects with a TimeoutError naming the operation, and releases what the work held", async () => {
    let released = false;
    const never = new Promise<never>(() => undefined);
    const result = withTimeout("sending events to Inngest", 20, never, () => {
      released = true;
    });
    await expect(result).rejects.toThrow(new TimeoutError("sending events to Inngest", 20));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(released).toBe(true);
  });
});
