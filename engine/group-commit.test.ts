import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A writer whose writes finish only when the test says so, recording each batch it was given. */
function gatedWriter(fail?: (items: number[]) => boolean) {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const group = new GroupCommit<number, string>(async (items) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (fail?.(items)) throw new Error(`batch ${items.join(",")} failed`);
    return items.map((item) => `ok ${String(item)}`);
  }, 3);
  const open = async () => {
    while (gates.length === 0) await new Promise((r) => setTimeout(r, 1));
    gates.shift()?.();
  };
  return { group, batches, open };
}

describe("GroupCommit", () => {
  it("writes a lone item at once, and those that arrive meanwhile together in the next write, each answered", async () => {
    const { group, batches, open } = gatedWriter();
    const first = group.submit(1);
    expect(batches).toEqual([[1]]);
    const later = [2, 3, 4, 5].map((item) => group.submit(item));
    await open();
    expect(await first).toBe("ok 1");
    await open();
    await open();
    expect(await Promise.all(later)).toEqual(["ok 2", "ok 3", "ok 4", "ok 5"]);
    // At most three at once: the fifth waits for the next write.
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it("fails every item of a failed write and no other, and goes on writing", async () => {
    const { group, open } = gatedWriter((items) => items.includes(2));
    const first = group.submit(1);
    const failed = [group.submit(2), group.submit(3)];
    await open();
    await open();
    expect(await first).toBe("ok 1");
    for (const item of failed) await expect(item).rejects.toThrow("batch 2,3 failed");
    const after = group.submit(4);
    await open();
    expect(await after).toBe("ok 4");
  });
});
