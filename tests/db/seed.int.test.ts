import { expect, it } from "vitest";
import { getUserByEmail } from "@/db/queries/users";
import { demoUsers, describeCredentials, seedDemoUsers } from "@/db/seed";
import { passwordProblem } from "@/domain/password-policy";
import { verifyPassword } from "@/lib/password";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

it("creates one demo user per role whose printed password works, and only once", async () => {
  const first = await seedDemoUsers();
  expect(first.every((c) => c.created)).toBe(true);
  expect(new Set(first.map((c) => c.role))).toEqual(new Set(["operator", "approver", "admin"]));
  for (const credential of first) {
    const user = await getUserByEmail(credential.email);
    expect(await verifyPassword(credential.password, user?.passwordHash ?? "")).toBe(true);
    expect(describeCredentials(first)).toContain(credential.password);
    expect(passwordProblem(credential.password)).toBeNull();
  }
  const second = await seedDemoUsers();
  expect(second.filter((c) => c.created)).toHaveLength(0);
  expect(second).toHaveLength(demoUsers.length);
  expect(describeCredentials(second)).toBe("Demo users already exist; nothing seeded.");
});

it("refuses a weak KEEL_DEMO_PASSWORD with a sentence saying what to do", async () => {
  await expect(seedDemoUsers("password1234")).rejects.toThrow(
    /^KEEL_DEMO_PASSWORD is refused\. This password is too easy to guess\..* Or leave it unset and each demo user gets a generated one\.$/,
  );
});

it("creates the demo vendors once, with valid bank details", async () => {
  const { seedDemoVendors, demoVendors } = await import("@/db/seed");
  const { listVendors } = await import("@/db/queries/vendors");
  expect(await seedDemoVendors()).toBe(demoVendors.length);
  expect(await seedDemoVendors()).toBe(0);
  const vendors = await listVendors();
  expect(vendors.map((v) => v.name)).toContain("Müller Präzisionstechnik GmbH");
});

it("adds the demo exchange rates once, so a EUR approver can approve the demo vendors' USD and GBP invoices", async () => {
  const { seedDemoRates, demoRates, demoVendors } = await import("@/db/seed");
  const { getRateBook } = await import("@/db/queries/exchange-rates");
  expect(await seedDemoRates()).toBe(demoRates.length);
  expect(await seedDemoRates()).toBe(0);
  const book = await getRateBook("2026-01-01", "EUR");
  for (const currency of new Set(demoVendors.map((v) => v.currency).filter((c) => c !== "EUR")))
    expect(book.rates[currency]).toBeDefined();
  expect(Object.keys(book.rates)).toEqual(expect.arrayContaining(["USD", "INR", "PLN", "GBP", "CHF"]));
});
