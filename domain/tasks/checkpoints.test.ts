import { describe, expect, it } from "vitest";
import { decisionCheckpoints } from "./checkpoints";

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);

describe("decisionCheckpoints", () => {
  it("looks often at first, then hourly, and ends at the deadline", () => {
    const points = decisionCheckpoints(at(0), at(24 * 60));
    expect(points.slice(0, 7).map((d) => (d.getTime() - at(0).getTime()) / 60_000)).toEqual([1, 3, 7, 15, 30, 60, 120]);
    expect(points.at(-1)).toEqual(at(24 * 60));
    expect(points.length).toBeLessThan(40);
  });

  it("is just the deadline when the deadline is near", () => {
    expect(decisionCheckpoints(at(0), at(1))).toEqual([at(1)]);
  });

  it("also looks at the ladder's rungs, once each, and never past the deadline", () => {
    const points = decisionCheckpoints(at(0), at(2), [at(1), at(1.5), at(3)]);
    expect(points).toEqual([at(1), at(1.5), at(2)]);
    expect(
      decisionCheckpoints(at(0), at(24 * 60), [at(3)]).filter((d) => d.getTime() === at(3).getTime()),
    ).toHaveLength(1);
  });
});
