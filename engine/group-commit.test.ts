import { describe, expect, it } from "vitest";
import { DbStallError } from "./db";
import { GroupCommit } from "./group-commit";

/** A write that records each batch it was given and finishes when the test says so. */
function heldWrites(answer: (item: number) => number | Error = (item) => item * 10) {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  let failNext: Error | undefined;
  const write = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => releases.push(resolve));
    if (failNext && items.length > 1) throw failNext;
    return items.map(answer);
  };
  return {
    batches,
    write,
    failBatches: (error: Error) => (failNext = error),
    releaseAll: async () => {
      while (releases.length > 0) {
        releases.shift()?.();
        await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
}

describe("GroupCommit", () => {
  it("writes what arrives during a transaction together in the next one, answering each after its own", async () => {
    const held = heldWrites();
    const group = new GroupCommit(held.write, 1);
    const answered: number[] = [];
    const first = group.submit(1).then((v) => answered.push(v));
    await new Promise((r) => setTimeout(r, 0));
    const rest = [2, 3, 4].map((item) => group.submit(item).then((v) => answered.push(v)));
    await new Promise((r) => setTimeout(r, 0));
    // Nobody is answered while their transaction is open.
    expect(answered).toEqual([]);
    await held.releaseAll();
    await Promise.all([first, ...rest]);
    expect(held.batches).toEqual([[1], [2, 3, 4]]);
    expect(answered).toEqual([10, 20, 30, 40]);
  });

  it("refuses one item alone when its write answers an error for it", async () => {
    const held = heldWrites((item) => (item === 2 ? new Error("stale") : item));
    const group = new GroupCommit(held.write, 1);
    const results = [1, 2, 3].map((item) => group.submit(item).then(String, (e: unknown) => (e as Error).message));
    await held.releaseAll();
    expect(await Promise.all(results)).toEqual(["1", "stale", "3"]);
  });

  it("writes each item of a failed batch again on its own, so one bad item fails alone", async () => {
    const held = heldWrites((item) => item);
    held.failBatches(new Error("invalid input syntax for type json"));
    const group = new GroupCommit(held.write, 1);
    const first = group.submit(0);
    await new Promise((r) => setTimeout(r, 0));
    const results = [1, 2].map((item) => group.submit(item));
    const releasing = held.releaseAll();
    await new Promise((r) => setTimeout(r, 5));
    await held.releaseAll();
    await releasing;
    expect(await first).toBe(0);
    expect(await Promise.all(results)).toEqual([1, 2]);
    expect(held.batches).toEqual([[0], [1, 2], [1], [2]]);
  });

  it("fails a whole batch at once when the database stalled, without trying each item again", async () => {
    const held = heldWrites((item) => item);
    held.failBatches(new DbStallError("transaction did not finish within 20000 ms"));
    const group = new GroupCommit(held.write, 1);
    const first = group.submit(0);
    await new Promise((r) => setTimeout(r, 0));
    const results = [1, 2].map((item) => group.submit(item).catch((e: unknown) => (e as Error).message));
    await held.releaseAll();
    await held.releaseAll();
    await first;
    expect(await Promise.all(results)).toEqual([
      "transaction did not finish within 20000 ms",
      "transaction did not finish within 20000 ms",
    ]);
    expect(held.batches).toEqual([[0], [1, 2]]);
  });

  it("keeps a second transaction going while the first is held up", async () => {
    const held = heldWrites();
    const group = new GroupCommit(held.write, 2);
    void group.submit(1);
    void group.submit(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(held.batches).toEqual([[1], [2]]);
    await held.releaseAll();
  });
});
