import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "../index";
import { taskActionTokens, tasks, users, type Task, type TaskActionToken, type User } from "../schema";
import { recordAudit } from "./audit";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates one token per action for a recipient; the plain tokens exist only in the returned value (and the email). */
export async function issueActionTokens(taskId: string, recipientId: string, actions: string[], expiresAt: Date): Promise<Record<string, string>> {
  const tokens = Object.fromEntries(actions.map((action) => [action, randomBytes(32).toString("base64url")]));
  await db()
    .insert(taskActionTokens)
    .values(actions.map((action) => ({ tokenHash: hash(tokens[action] ?? ""), taskId, action, recipientId, expiresAt })));
  return tokens;
}

export type TokenLookup =
  | { state: "valid"; token: TaskActionToken; task: Task; recipient: User }
  | { state: "invalid" }
  | { state: "used"; token: TaskActionToken; task: Task }
  | { state: "expired"; token: TaskActionToken; task: Task };

/** What a link's token is, without using it. */
export async function lookupActionToken(token: string): Promise<TokenLookup> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { state: "invalid" };
  const [row] = await db()
    .select({ token: taskActionTokens, task: tasks, recipient: users })
    .from(taskActionTokens)
    .innerJoin(tasks, eq(tasks.id, taskActionTokens.taskId))
    .innerJoin(users, eq(users.id, taskActionTokens.recipientId))
    .where(eq(taskActionTokens.tokenHash, hash(token)));
  if (!row) return { state: "invalid" };
  if (row.token.usedAt) return { state: "used", token: row.token, task: row.task };
  if (row.token.expiresAt.getTime() <= Date.now()) return { state: "expired", token: row.token, task: row.task };
  return { state: "valid", ...row };
}

/** Uses a token exactly once: of two confirmations racing, one gets it. */
export async function consumeActionToken(id: string): Promise<boolean> {
  const rows = await db()
    .update(taskActionTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(taskActionTokens.id, id), isNull(taskActionTokens.usedAt), gt(taskActionTokens.expiresAt, new Date())))
    .returning({ id: taskActionTokens.id });
  return rows.length === 1;
}

/** A link that did not act (unknown, tampered, used, expired, refused) is audited with why. */
export async function auditRefusedLink(reason: string, taskId: string | null, documentId: string | null): Promise<void> {
  await recordAudit({
    actor: { id: null, label: "email link" },
    action: "task_link.refused",
    subjectType: "task",
    subjectId: taskId ?? "unknown",
    correlationId: documentId,
    after: { reason },
  });
}
