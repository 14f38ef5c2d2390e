import type { z } from "zod";
import type { Actor } from "@/db/queries/audit";
import { updateUser as changeUser, type UpdateUserResult } from "@/db/queries/users";
import { updateUserSchema } from "@/domain/users";

export type UpdateUserOutcome = UpdateUserResult | { ok: false; reason: "invalid"; error: z.ZodError };

/** Changes a user's role and approval limit; the query refuses to leave Keel without an admin. */
export async function updateUser(input: Record<string, unknown>, actor: Actor): Promise<UpdateUserOutcome> {
  const parsed = updateUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", error: parsed.error };
  const { userId, ...changes } = parsed.data;
  return changeUser(userId, changes, actor);
}
