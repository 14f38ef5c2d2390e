import { passwordProblem } from "@/domain/password-policy";
import type { OrderStatus } from "@/domain/tickets/import";
import { generatePassword, hashPassword } from "@/lib/password";
import type { UserRole } from "./schema";
import { systemActor } from "./queries/audit";
import { createUser } from "./queries/users";
import { addMissingOrders, findOrCreateCustomer } from "./queries/customers";
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

/**
 * Customers and what they paid, so a demo ticket's refund is checked against a real order: EUR and USD, delivered
 * and not yet paid. References start with DEMO- so they never collide with a shop's imported orders.
 */
export type DemoCustomer = {
  email: string;
  name: string;
  orders: { reference: string; currency: string; totalMinor: number; paidAt: string | null; status: OrderStatus }[];
};

export const demoCustomers: DemoCustomer[] = [
  {
    email: "ana.souza@example.com",
    name: "Ana Souza",
    orders: [
      {
        reference: "DEMO-1001",
        currency: "EUR",
        totalMinor: 4_990,
        paidAt: "2026-01-15T10:12:00Z",
        status: "delivered",
      },
      { reference: "DEMO-1002", currency: "EUR", totalMinor: 12_900, paidAt: "2026-02-03T16:40:00Z", status: "paid" },
    ],
  },
  {
    email: "ben.carter@example.com",
    name: "Ben Carter",
    orders: [
      { reference: "DEMO-2001", currency: "USD", totalMinor: 8_999, paidAt: "2026-01-20T09:05:00Z", status: "shipped" },
      { reference: "DEMO-2002", currency: "USD", totalMinor: 124_900, paidAt: "2026-02-11T18:30:00Z", status: "paid" },
    ],
  },
  {
    email: "chloe.martin@example.com",
    name: "Chloé Martin",
    orders: [
      {
        reference: "DEMO-3001",
        currency: "EUR",
        totalMinor: 2_450,
        paidAt: "2026-02-20T12:00:00Z",
        status: "delivered",
      },
    ],
  },
  {
    email: "dieter.braun@example.com",
    name: "Dieter Braun",
    orders: [{ reference: "DEMO-4001", currency: "EUR", totalMinor: 31_000, paidAt: null, status: "pending" }],
  },
];

/** Creates the demo customers and orders that do not exist yet; returns how many orders it created. */
export async function seedDemoCustomers(): Promise<number> {
  let created = 0;
  for (const demo of demoCustomers) {
    const customer = await findOrCreateCustomer(demo);
    created += await addMissingOrders(
      demo.orders.map((o) => ({
        ...o,
        customerId: customer.id,
        paidAt: o.paidAt === null ? null : new Date(o.paidAt),
      })),
    );
  }
  return created;
}
