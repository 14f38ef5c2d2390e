import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";

import { IntakeError } from "./errors";

describe("IntakeError", () => {
  it("is an AppError, answered by the one mapping with its reason's status and sentence", async () => {
    const cases = [
      [new IntakeError("too_large"), 413],
      [new IntakeError("unsupported_type"), 415],
      [new IntakeError("encrypted", "This PDF is password-protected."), 422],
    ] as const;
    for (const [error, status] of cases) {
      expect(error).toBeInstanceOf(AppError);
      const response = await handleRoute(() => Promise.reject(error));
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error: { code: `rejected:${error.reason}`, message: error.message } });
    }
  });

  it("keeps its reason and details apart from the code callers see", () => {
    const error = new IntakeError("unsupported_type", undefined, { detected: "docx" });
    expect(error).toMatchObject({
      name: "IntakeError",
      code: "rejected:unsupported_type",
      reason: "unsupported_type",
      details: { detected: "docx" },
    });
    expect(error.message).toContain("Keel reads PDF, PNG, JPEG");
  });
});
