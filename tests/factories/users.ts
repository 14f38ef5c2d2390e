import { randomBytes } from "node:crypto";
import { systemActor } from "@/db/queries/audit";
import { createUser, type CreateUserInput } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { hashPassword } from "@/lib/password";

export async function makeUser(overrides: Partial<CreateUserInput> & { password?: string } = {}): Promise<User> {
  const { password, ...rest } = overrides;
  const id = randomBytes(4).toString("hex");
  const result = await createUser(
    {
      email: `user-${id}@example.test`,
      name: `User ${id}`,
      role: "operator",
      approvalLimitMinor: 0,
      approvalCurrency: "EUR",
      passwordHash: password ? await hashPassword(password) : null,
      ...rest,
    },
    systemActor("test"),
  );
  if (!result.ok) throw new Error(`makeUser: ${result.reason}`);
  return result.user;
}
