import { describe, expect, it } from "vitest";
import { can, navigationFor } from "./permissions";

describe("navigationFor", () => {
  it("gives operators the working screens only", () => {
    expect(navigationFor({ role: "operator" }).map((i) => i.label)).toEqual([
      "Inbox",
      "Documents",
      "Tickets",
      "Exceptions",
    ]);
  });

  it("gives approvers the working screens too: the Monitor is for admins", () => {
    expect(navigationFor({ role: "approver" }).map((i) => i.label)).toEqual([
      "Inbox",
      "Documents",
      "Tickets",
      "Exceptions",
    ]);
  });

  it("gives admins every screen", () => {
    expect(navigationFor({ role: "admin" }).map((i) => i.label)).toEqual([
      "Inbox",
      "Documents",
      "Tickets",
      "Exceptions",
      "Monitor",
      "Runs",
      "Audit",
      "Settings",
    ]);
  });
});

describe("can", () => {
  it("lets only admins see the Monitor", () => {
    expect(can({ role: "admin" }, "monitor:view")).toBe(true);
    expect(can({ role: "approver" }, "monitor:view")).toBe(false);
    expect(can({ role: "operator" }, "monitor:view")).toBe(false);
  });

  it("lets only admins read the audit log", () => {
    expect(can({ role: "admin" }, "audit:view")).toBe(true);
    expect(can({ role: "approver" }, "audit:view")).toBe(false);
    expect(can({ role: "operator" }, "audit:view")).toBe(false);
  });

  it("lets every signed-in role read tickets and type one in for a customer", () => {
    for (const role of ["operator", "approver", "admin"] as const) {
      expect(can({ role }, "tickets:view")).toBe(true);
      expect(can({ role }, "tickets:create")).toBe(true);
    }
  });

  it("lets only admins manage users", () => {
    expect(can({ role: "admin" }, "users:manage")).toBe(true);
    expect(can({ role: "approver" }, "users:manage")).toBe(false);
    expect(can({ role: "operator" }, "users:manage")).toBe(false);
  });
});
