import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirectPath("/settings/users?x=1")).toBe("/settings/users?x=1");
  });

  it("refuses other sites and odd values", () => {
    for (const value of ["https://evil.example", "//evil.example", "/\\evil.example", "", undefined, 42]) {
      expect(safeRedirectPath(value)).toBe("/inbox");
    }
  });
});
