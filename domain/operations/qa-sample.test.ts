import { describe, expect, it } from "vitest";
import { isSampledForQa, samplePoint } from "./qa-sample";

const ids = Array.from({ length: 20_000 }, (_, i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`);

describe("QA sampling", () => {
  it("places a document at the same point every time, inside [0, 1)", () => {
    const id = "6f1c1e4e-2b0a-4d3c-9a51-0c1f7a2b9e11";
    expect(samplePoint(id)).toBe(samplePoint(id));
    for (const each of ids.slice(0, 1000)) {
      expect(samplePoint(each)).toBeGreaterThanOrEqual(0);
      expect(samplePoint(each)).toBeLessThan(1);
    }
  });

  it("draws every document at 1 and none at 0", () => {
    expect(ids.every((id) => isSampledForQa(id, 1))).toBe(true);
    expect(ids.some((id) => isSampledForQa(id, 0))).toBe(false);
  });

  it("draws close to the share asked for, even among ids that differ in one character", () => {
    const drawn = ids.filter((id) => isSampledForQa(id, 0.01)).length / ids.length;
    expect(drawn).toBeGreaterThan(0.007);
    expect(drawn).toBeLessThan(0.013);
  });

  it("draws a document at a higher share whenever it was drawn at a lower one", () => {
    for (const id of ids.slice(0, 2000)) if (isSampledForQa(id, 0.05)) expect(isSampledForQa(id, 0.2)).toBe(true);
  });
});
