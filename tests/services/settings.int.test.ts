import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/db/queries/api-keys";
import { listAuditForSubject } from "@/db/queries/audit";
import { listExchangeRates } from "@/db/queries/exchange-rates";
import { getUserByEmail } from "@/db/queries/users";
import { blankVendorForm, vendorSchema } from "@/domain/vendors";
import { verifyPassword } from "@/lib/password";
import { createApiKey, revokeApiKey } from "@/services/api-keys/api-keys";
import { addExchangeRate, importExchangeRates } from "@/services/exchange-rates/save-rates";
import { createUser } from "@/services/users/create-user";
import { updateUser } from "@/services/users/update-user";
import { saveVendor } from "@/services/vendors/save-vendor";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();
const admin = { id: null, label: "admin@example.test" };
const strongPassword = "copper kettle marches north";

describe("createUser, as Settings and the CLI call it", () => {
  it("stores a hash of the password, never the password, and audits the creation", async () => {
    const result = await createUser(
      {
        email: " New.Approver@Example.test ",
        name: "New Approver",
        role: "approver",
        approvalLimit: "2,500.50",
        approvalCurrency: "eur",
        password: strongPassword,
      },
      admin,
    );
    expect(result).toMatchObject({
      ok: true,
      user: {
        email: "new.approver@example.test",
        role: "approver",
        approvalLimitMinor: 250050,
        approvalCurrency: "EUR",
      },
    });
    const stored = await getUserByEmail("new.approver@example.test");
    expect(stored?.passwordHash).not.toContain(strongPassword);
    expect(await verifyPassword(strongPassword, stored?.passwordHash ?? "")).toBe(true);
    const [entry] = await listAuditForSubject("user", stored?.id ?? "");
    expect(entry).toMatchObject({ action: "user.created", actorLabel: admin.label });
  });

  it("refuses a guessable password with the policy's reason and stores nothing", async () => {
    const result = await createUser(
      {
        email: "weak@example.test",
        name: "Weak",
        role: "operator",
        approvalLimit: "0",
        approvalCurrency: "EUR",
        password: "password1234",
      },
      admin,
    );
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "invalid")
      throw new Error(`expected an invalid result, got ${JSON.stringify(result)}`);
    expect(result.error.issues).toContainEqual(
      expect.objectContaining({ path: ["password"], message: expect.stringContaining("too easy to guess") as string }),
    );
    expect(await getUserByEmail("weak@example.test")).toBeUndefined();
  });

  it("names the email that is taken, as the person typed it once normalised", async () => {
    const existing = await makeUser();
    const result = await createUser(
      {
        email: existing.email.toUpperCase(),
        name: "Twin",
        role: "operator",
        approvalLimit: "0",
        approvalCurrency: "EUR",
        password: strongPassword,
      },
      admin,
    );
    expect(result).toEqual({ ok: false, reason: "email_taken", email: existing.email });
  });
});

describe("updateUser", () => {
  it("refuses a form that names no user, and changes a role that is allowed", async () => {
    const bad = await updateUser({ userId: "nope", role: "admin", approvalLimit: "0", approvalCurrency: "EUR" }, admin);
    expect(bad).toMatchObject({ ok: false, reason: "invalid" });
    const user = await makeUser();
    const changed = await updateUser(
      { userId: user.id, role: "approver", approvalLimit: "100", approvalCurrency: "USD" },
      admin,
    );
    expect(changed).toMatchObject({
      ok: true,
      changed: true,
      user: { role: "approver", approvalLimitMinor: 10000, approvalCurrency: "USD" },
    });
  });
});

describe("saveVendor", () => {
  // As the vendor dialog posts it: every field present, the ones left blank empty.
  const fields = (name: string) => vendorSchema.parse({ ...blankVendorForm, name });

  it("adds a vendor, changes it by id, and refuses another vendor's name either way", async () => {
    const first = await saveVendor(null, fields("Acme Tools"), admin);
    const second = await saveVendor(null, fields("Bolt Supplies"), admin);
    if (!first.ok || !second.ok) throw new Error("vendors were not created");
    expect(await saveVendor(null, fields("acme tools"), admin)).toEqual({ ok: false, reason: "name_taken" });
    expect(await saveVendor(second.vendor.id, fields("Acme Tools"), admin)).toEqual({
      ok: false,
      reason: "name_taken",
    });
    expect(await saveVendor(second.vendor.id, fields("Bolt Supplies Ltd"), admin)).toMatchObject({
      ok: true,
      vendor: { id: second.vendor.id, name: "Bolt Supplies Ltd" },
    });
    expect(await saveVendor("00000000-0000-4000-8000-000000000000", fields("Ghost"), admin)).toEqual({
      ok: false,
      reason: "not_found",
    });
  });
});

describe("createApiKey and revokeApiKey", () => {
  it("gives a key its scope, and revokes it once", async () => {
    const own = await createApiKey({ name: "ERP", readAll: false }, admin);
    const all = await createApiKey({ name: "Reconciler", readAll: true }, admin);
    expect((await authenticateApiKey(own.secret))?.scope).toBe("own");
    expect((await authenticateApiKey(all.secret))?.scope).toBe("read_all");
    expect(await revokeApiKey(own.key.id, admin)).toBe(true);
    expect(await revokeApiKey(own.key.id, admin)).toBe(false);
    expect(await authenticateApiKey(own.secret)).toBeUndefined();
  });
});

describe("exchange rates", () => {
  it("saves a rate that checks out and names each field that does not", async () => {
    expect(await addExchangeRate({ currency: "usd", rate: "1.0825", effectiveFrom: "2025-03-01" }, admin)).toEqual({
      ok: true,
    });
    const refused = await addExchangeRate({ currency: "", rate: "-1", effectiveFrom: "yesterday" }, admin);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(Object.keys(refused.errors).sort()).toEqual(["currency", "effectiveFrom", "rate"]);
    expect((await listExchangeRates()).filter((r) => r.currency === "USD").map((r) => r.rate)).toEqual(["1.0825"]);
  });

  it("imports a whole CSV or nothing of it", async () => {
    expect(
      await importExchangeRates("currency,rate,effective_from\nGBP,0.85,2025-03-01\nCHF,0.95,2025-03-01\n", admin),
    ).toEqual({ ok: true });
    const refused = await importExchangeRates(
      "currency,rate,effective_from\nJPY,160,2025-03-01\nJPY,oops,2025-03-02\n",
      admin,
    );
    expect(refused.ok).toBe(false);
    const currencies = (await listExchangeRates()).map((r) => r.currency);
    expect(currencies).toEqual(expect.arrayContaining(["GBP", "CHF"]));
    expect(currencies).not.toContain("JPY");
  });
});
