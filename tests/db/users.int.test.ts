import { describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { createUser, getUserByEmail, updateUser } from "@/db/queries/users";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();
const admin = { id: null, label: "admin@example.test" };

describe("createUser", () => {
  it("stores the user and audits the creation without the password hash", async () => {
    const result = await createUser(
      {
        email: "Mixed.Case@Example.test",
        name: "Mixed Case",
        role: "approver",
        approvalLimitMinor: 750000,
        approvalCurrency: "EUR",
        passwordHash: "scrypt$secret",
      },
      admin,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user.email).toBe("mixed.case@example.test");
    const [entry] = await listAuditForSubject("user", result.user.id);
    expect(entry).toMatchObject({ action: "user.created", actorLabel: admin.label, before: null });
    expect(entry?.after).toEqual({
      email: "mixed.case@example.test",
      name: "Mixed Case",
      role: "approver",
      approvalLimitMinor: 750000,
      approvalCurrency: "EUR",
    });
  });

  it("refuses a second user with the same email in another case", async () => {
    const existing = await makeUser();
    const result = await createUser({ ...existing, email: existing.email.toUpperCase(), passwordHash: null }, admin);
    expect(result).toEqual({ ok: false, reason: "email_taken" });
  });

  it("finds users by email whatever the case", async () => {
    const user = await makeUser();
    expect((await getUserByEmail(`  ${user.email.toUpperCase()} `))?.id).toBe(user.id);
  });
});

describe("updateUser", () => {
  it("changes role and limit and audits before and after", async () => {
    const user = await makeUser({ role: "operator" });
    const result = await updateUser(
      user.id,
      { role: "approver", approvalLimitMinor: 120000, approvalCurrency: "USD" },
      admin,
    );
    expect(result).toMatchObject({ ok: true, changed: true, user: { role: "approver", approvalLimitMinor: 120000 } });
    const [entry] = await listAuditForSubject("user", user.id);
    expect(entry).toMatchObject({
      action: "user.updated",
      before: { role: "operator", approvalLimitMinor: 0, approvalCurrency: "EUR" },
      after: { role: "approver", approvalLimitMinor: 120000, approvalCurrency: "USD" },
    });
  });

  it("writes no audit entry when nothing changes", async () => {
    const user = await makeUser({ role: "approver", approvalLimitMinor: 5000 });
    const result = await updateUser(
      user.id,
      { role: "approver", approvalLimitMinor: 5000, approvalCurrency: "EUR" },
      admin,
    );
    expect(result).toMatchObject({ ok: true, changed: false });
    expect((await listAuditForSubject("user", user.id)).map((e) => e.action)).toEqual(["user.created"]);
  });

  it("answers not_found for an unknown user", async () => {
    const result = await updateUser(
      "00000000-0000-4000-8000-000000000000",
      { role: "admin", approvalLimitMinor: 0, approvalCurrency: "EUR" },
      admin,
    );
    expect(result).toEqual({ ok: false, reason: "not_found" });
  });
});
