import { afterEach, describe, expect, it, vi } from "vitest";
import { FALLBACK_CONFIDENCE_FACTOR } from "@/ai/chain";
import { modelLanes } from "@/ai/providers";
import { parseEnv, resetEnv } from "@/lib/env";
import { configuredLanes, laneCallData } from "./lanes";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

describe("the model lanes", () => {
  it("are the primary then the fallback model, each keyed by provider and model; none without an API key", () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    resetEnv();
    expect(configuredLanes()).toEqual([]);
    vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-test");
    vi.stubEnv("KEEL_MODEL_PRIMARY", "big-model");
    vi.stubEnv("KEEL_MODEL_FALLBACK", "small-model");
    resetEnv();
    expect(configuredLanes()).toEqual([
      { lane: "primary", provider: "anthropic:big-model" },
      { lane: "fallback", provider: "anthropic:small-model" },
    ]);
  });

  it("trust the fallback lane's answers less, by the chain's factor", () => {
    const lanes = modelLanes(parseEnv({ ANTHROPIC_API_KEY: "sk-ant-test" }));
    expect(lanes?.primary.confidenceFactor).toBe(1);
    expect(lanes?.fallback.confidenceFactor).toBe(FALLBACK_CONFIDENCE_FACTOR);
  });

  it("invoke a lane with the request and its subject's id at the top, where traces and the Runs view look", () => {
    expect(laneCallData("anthropic:m", { kind: "extract-document", documentId: "d1" })).toEqual({
      provider: "anthropic:m",
      request: { kind: "extract-document", documentId: "d1" },
      documentId: "d1",
    });
    expect(laneCallData("anthropic:m", { kind: "draft-ticket", ticketId: "t1" })).toEqual({
      provider: "anthropic:m",
      request: { kind: "draft-ticket", ticketId: "t1" },
      ticketId: "t1",
    });
  });
});
