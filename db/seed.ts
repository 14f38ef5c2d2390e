import { passwordProblem } from "@/domain/password-policy";
import { generatePassword, hashPassword } from "@/lib/password";
import type { UserRole } from "./schema";
import { systemActor } from "./queries/audit";
import { createUser } from "./queries/users";
import { listExchangeRates, saveExchangeRates } from "./queries/exchange-rates";
import { createVendor } from "./queries/vendors";

export type DemoUser = { email: string; name: string; role: UserRole; approvalLimitMinor: number };

export const demoUsers: DemoUser[] = [
  { email: "operator@keel.local", name: "Olivia Operator", role: "operator", approvalLimitMinor: 0 },
  { email: "approver@keel.local", name: "Arno Approver", role: "approver", approvalLimitMinor: 750_000 },
  { email: "approver2@keel.local", name: "Beatrix Approver", role: "approver", approvalLimitMinor: 2_500_000 },
  { email: "admin@keel.local", name: "Ada Admin", role: "admin", approvalLimitMinor: 10_000_000 },
];

// A random 20 characters nearly always passes; the loop makes "nearly" into "always", as the policy holds everyone.
function acceptedPassword(): string {
  for (;;) {
    const candidate = generatePassword();
    if (passwordProblem(candidate) === null) return candidate;
  }
}

export type SeededCredential = { email: string; role: UserRole; password: string; created: boolean };

/**
 * Creates the demo users that do not exist yet. Each gets `password` when given, otherwise a fresh random one,
 * so a seeded database never shares a password with anyone who read this file.
 */
export async function seedDemoUsers(password?: string): Promise<SeededCredential[]> {
  const problem = password === undefined ? null : passwordProblem(password);
  if (problem) {
    throw new Error(
      `KEEL_DEMO_PASSWORD is refused. ${problem} Or leave it unset and each demo user gets a generated one.`,
    );
  }
  const out: SeededCredential[] = [];
  for (const demo of demoUsers) {
    const plain = password ?? acceptedPassword();
    const result = await createUser(
      { ...demo, approvalCurrency: "EUR", passwordHash: await hashPassword(plain) },
      systemActor("seed"),
    );
    out.push({ email: demo.email, role: demo.role, password: result.ok ? plain : "", created: result.ok });
  }
  return out;
}

export function describeCredentials(credentials: SeededCredential[]): string {
  const created = credentials.filter((c) => c.created);
  if (created.length === 0) return "Demo users already exist; nothing seeded.";
  const width = Math.max(...created.map((c) => c.email.length));
  return [
    "Demo users (sign in at /login):",
    ...created.map((c) => `  ${c.role.padEnd(9)} ${c.email.padEnd(width)}  password: ${c.password}`),
  ].join("\n");
}

/** Vendors a demo can upload documents from; their bank details are the trusted ones. */
export const demoVendors = [
  {
    name: "Müller Präzisionstechnik GmbH",
    aliases: ["Müller Präzisionstechnik"],
    taxId: "DE811234567",
    currency: "EUR",
    iban: "DE89370400440532013000",
    bic: "COBADEFFXXX",
  },
  {
    name: "Acme Industrial Supply, Inc.",
    aliases: ["Acme Industrial"],
    taxId: "74-2918834",
    currency: "USD",
    accountNumber: "4432019987",
    sortCode: "111000025",
  },
  { name: "Brightwave Digital Ltd", aliases: ["Brightwave"], taxId: "GB284531762", currency: "GBP" },
  {
    name: "Atelier Lumière SARL",
    aliases: ["Atelier Lumiere"],
    currency: "EUR",
    iban: "FR1420041010050500013M02606",
    bic: "PSSTFRPPLYO",
  },
];

/** Creates the demo vendors that do not exist yet; returns how many it created. */
export async function seedDemoVendors(): Promise<number> {
  let created = 0;
  for (const vendor of demoVendors) {
    const result = await createVendor(vendor, systemActor("seed"));
    if (result.ok) created++;
  }
  return created;
}

/**
 * Rates for the currencies demo vendors and documents use, against EUR (the default base), effective from the start
 * of 2025 so any demo date finds them. Reference-style figures, not live ones: an admin keeps real rates.
 */
export const demoRates = [
  { currency: "USD", rate: "1.08", effectiveFrom: "2025-01-01" },
  { currency: "GBP", rate: "0.85", effectiveFrom: "2025-01-01" },
  { currency: "CHF", rate: "0.94", effectiveFrom: "2025-01-01" },
  { currency: "PLN", rate: "4.30", effectiveFrom: "2025-01-01" },
  { currency: "INR", rate: "90.5", effectiveFrom: "2025-01-01" },
  { currency: "SEK", rate: "11.3", effectiveFrom: "2025-01-01" },
  { currency: "JPY", rate: "162", effectiveFrom: "2025-01-01" },
];

/** Adds the demo rates for currencies that have none against EUR yet; returns how many it added. */
export async function seedDemoRates(): Promise<number> {
  const present = new Set((await listExchangeRates("EUR", 10_000)).map((r) => r.currency));
  const missing = demoRates.filter((r) => !present.has(r.currency));
  if (missing.length === 0) return 0;
  return (await saveExchangeRates(missing, systemActor("seed"), "EUR")).added;
}
