import { and, asc, count, eq, sql } from "drizzle-orm";
import { db, type Executor } from "../index";
import { accounts, users, type User, type UserRole } from "../schema";
import { recordAudit, type Actor } from "./audit";

/** What the audit log keeps of a user: never the password hash. */
function auditView(user: User) {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    approvalLimitMinor: user.approvalLimitMinor,
    approvalCurrency: user.approvalCurrency,
  };
}

export async function getUserById(id: string, tx: Executor = db()): Promise<User | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [user] = await tx.select().from(users).where(eq(users.id, id));
  return user;
}

export async function getUserByEmail(email: string, tx: Executor = db()): Promise<User | undefined> {
  const [user] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user;
}

export async function listUsers(tx: Executor = db()): Promise<User[]> {
  return tx.select().from(users).orderBy(asc(users.role), asc(users.email));
}

export async function countUsers(tx: Executor = db()): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export type CreateUserInput = {
  email: string;
  name: string;
  role: UserRole;
  approvalLimitMinor: number;
  approvalCurrency: string;
  passwordHash: string | null;
};

export type CreateUserResult = { ok: true; user: User } | { ok: false; reason: "email_taken" };

export async function createUser(input: CreateUserInput, actor: Actor): Promise<CreateUserResult> {
  return db().transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ ...input, email: input.email.trim().toLowerCase() })
      .onConflictDoNothing()
      .returning();
    if (!user) return { ok: false, reason: "email_taken" } as const;
    await recordAudit(
      { actor, action: "user.created", subjectType: "user", subjectId: user.id, before: null, after: auditView(user) },
      tx,
    );
    return { ok: true, user } as const;
  });
}

export type UpdateUserInput = {
  role: UserRole;
  approvalLimitMinor: number;
  approvalCurrency: string;
};

export type UpdateUserResult =
  { ok: true; user: User; changed: boolean } | { ok: false; reason: "not_found" | "last_admin" };

/** Changes role and approval limit; refuses to leave Keel without an admin. */
export async function updateUser(id: string, changes: UpdateUserInput, actor: Actor): Promise<UpdateUserResult> {
  return db().transaction(async (tx) => {
    // Locks the admins so two demotions at once cannot both see "another admin remains".
    const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin")).for("update");
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for("update");
    if (!before) return { ok: false, reason: "not_found" } as const;
    if (before.role === "admin" && changes.role !== "admin" && admins.filter((a) => a.id !== id).length === 0) {
      return { ok: false, reason: "last_admin" } as const;
    }
    const changed =
      before.role !== changes.role ||
      before.approvalLimitMinor !== changes.approvalLimitMinor ||
      before.approvalCurrency !== changes.approvalCurrency;
    if (!changed) return { ok: true, user: before, changed: false } as const;
    const [after] = await tx
      .update(users)
      // A new role or limit also ends the user's sessions: they sign in again under the new rights.
      .set({ ...changes, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (!after) return { ok: false, reason: "not_found" } as const;
    await recordAudit(
      {
        actor,
        action: "user.updated",
        subjectType: "user",
        subjectId: id,
        before: auditView(before),
        after: auditView(after),
      },
      tx,
    );
    return { ok: true, user: after, changed: true } as const;
  });
}

export async function recordSignIn(user: Pick<User, "id" | "email">, method: string): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    await recordAudit(
      {
        actor: { id: user.id, label: user.email },
        action: "user.signed_in",
        subjectType: "user",
        subjectId: user.id,
        after: { method },
      },
      tx,
    );
  });
}

/** The version a session token must carry to be valid; undefined when the user no longer exists. */
export async function getSessionVersion(id: string, tx: Executor = db()): Promise<number | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await tx.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, id));
  return row?.sessionVersion;
}

/**
 * Ends every session the user has, on every device: the tokens they hold no longer match. Only a token of the
 * current version may do it, so a cookie that is already revoked cannot sign its owner out again and again.
 */
export async function revokeSessions(user: Pick<User, "id" | "email">, fromVersion: number): Promise<boolean> {
  return db().transaction(async (tx) => {
    const revoked = await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, user.id), eq(users.sessionVersion, fromVersion)))
      .returning({ id: users.id });
    if (revoked.length === 0) return false;
    await recordAudit(
      { actor: { id: user.id, label: user.email }, action: "user.signed_out", subjectType: "user", subjectId: user.id },
      tx,
    );
    return true;
  });
}

export async function getUserByAccount(provider: string, providerAccountId: string, tx: Executor = db()) {
  const [row] = await tx
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
  return row?.user;
}

export async function linkAccount(userId: string, provider: string, providerAccountId: string, tx: Executor = db()) {
  await tx.insert(accounts).values({ userId, provider, providerAccountId }).onConflictDoNothing();
}
