import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { loginPath, REQUEST_PATH_HEADER } from "@/lib/redirect";
import { auth } from "./config";
import { can, type Permission } from "@/domain/permissions";

/**
 * The signed-in user as the database has them now. A session whose token no longer matches the user's session
 * version (signed out, role or limit changed) is already gone here: Auth.js's jwt callback drops it.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return (await getUserById(id)) ?? null;
});

/** For pages and layouts: sends a visitor to sign in. */
export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect(loginPath((await headers()).get(REQUEST_PATH_HEADER)));
  return user;
}

/** For pages: answers 403 when the user lacks the permission. */
export async function requirePermission(permission: Permission): Promise<User> {
  const user = await requireUser();
  if (!can(user, permission)) forbidden();
  return user;
}

/** For server actions and route handlers: throws an AppError a caller turns into its own answer. */
export async function authorize(permission: Permission): Promise<User> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated");
  if (!can(user, permission)) throw new AppError(`forbidden:${permission}`);
  return user;
}
