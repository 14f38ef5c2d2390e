import { describe, expect, it } from "vitest";
import type { Finding } from "@/domain/documents/types";
import { unrepeated } from "./unrepeated";

const finding = (message: string): Finding => ({ rule: "arithmetic", severity: "error", message, fields: [] });

describe("unrepeated", () => {
  it("drops a line that quotes a finding, with or without the risk's points after it", () => {
    const findings = [finding("Lines add up to €90.00, not the subtotal €100.00.")];
    expect(
      unrepeated(
        [
          "Lines add up to €90.00, not the subtotal €100.00.",
          "Lines add up to €90.00, not the subtotal €100.00. (+25)",
          "Risk is medium: 35 of 100.",
        ],
        findings,
      ),
    ).toEqual(["Risk is medium: 35 of 100."]);
  });

  it("keeps every line when there is no finding", () => {
    expect(unrepeated(["New vendor (+10)"], [])).toEqual(["New vendor (+10)"]);
  });
});
