import type { z } from "zod";
import type { Actor } from "@/db/queries/audit";
import { createUser as insertUser } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { createUserSchema } from "@/domain/users";
import { hashPassword } from "@/lib/password";

export type CreateUserOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid"; error: z.ZodError }
  | { ok: false; reason: "email_taken"; email: string };

/**
 * Adds a user from what an admin typed in Settings or an operator passed to the CLI: the same checks (the password
 * policy among them) and the same audit entry whichever way it came; only the hash of the password is stored.
 */
export async function createUser(input: Record<string, unknown>, actor: Actor): Promise<CreateUserOutcome> {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", error: parsed.error };
  const { password, ...fields } = parsed.data;
  const created = await insertUser({ ...fields, passwordHash: await hashPassword(password) }, actor);
  return created.ok ? created : { ...created, email: fields.email };
}
