import { describe, expect, it } from "vitest";
import { linkMarker, redactLinks, renderLinks } from "./links";

const body = `Approve: ${linkMarker("approve")}\nReject:  ${linkMarker("reject")}`;

describe("action links in email bodies", () => {
  it("renders each minted link's marker as its URL", () => {
    expect(renderLinks(body, { approve: "AAA", reject: "BBB" }, "https://keel.example")).toBe(
      "Approve: https://keel.example/t/AAA\nReject:  https://keel.example/t/BBB",
    );
  });

  it("leaves a marker with no minted link as it is", () => {
    expect(renderLinks(body, { approve: "AAA" }, "https://keel.example")).toBe(
      `Approve: https://keel.example/t/AAA\nReject:  ${linkMarker("reject")}`,
    );
  });

  it("redacts every link for the mailbox, naming its action and recipient", () => {
    expect(redactLinks(body, "approver@example.test")).toBe(
      "Approve: [approve link — sent to approver@example.test, not shown]\nReject:  [reject link — sent to approver@example.test, not shown]",
    );
  });
});
