import { randomBytes } from "node:crypto";
import { systemActor } from "@/db/queries/audit";
import { createUser } from "@/db/queries/users";
import type { User, UserRole } from "@/db/schema";
import { hashPassword } from "@/lib/password";

export type TestUser = User & { password: string };

/** A user with a known password, unique per call so tests never share data. */
export async function makeUser(
  options: { role?: UserRole; approvalLimitMinor?: number; approvalCurrency?: string; name?: string } = {},
): Promise<TestUser> {
  const id = randomBytes(5).toString("hex");
  const password = `pw-${randomBytes(9).toString("base64url")}`;
  const result = await createUser(
    {
      email: `e2e-${id}@example.test`,
      name: options.name ?? `E2E ${options.role ?? "operator"} ${id}`,
      role: options.role ?? "operator",
      approvalLimitMinor: options.approvalLimitMinor ?? 0,
      approvalCurrency: options.approvalCurrency ?? "EUR",
      passwordHash: await hashPassword(password),
    },
    systemActor("e2e"),
  );
  if (!result.ok) throw new Error(`makeUser: ${result.reason}`);
  return { ...result.user, password };
}
