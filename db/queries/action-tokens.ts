import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { db, type Executor } from "../index";
import {
  outboxEmails,
  taskActionLinks,
  taskActionTokens,
  tasks,
  users,
  type Task,
  type TaskActionToken,
  type User,
} from "../schema";
import { recordAudit } from "./audit";
import { taskAuditActions } from "@/domain/timeline";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

export type QueuedEmail = {
  idempotencyKey: string;
  documentId: string | null;
  to: string;
  subject: string;
  body: string;
};
export type LinksFor = { taskId: string; recipientId: string; actions: readonly string[]; expiresAt: Date };

/**
 * Queues an email with the action links it will carry, once per idempotency key: the body holds only markers, and
 * the links record what each may do, for whom, until when. No token exists until the email is sent.
 */
export async function queueEmailWithLinks(email: QueuedEmail, links: LinksFor): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [queued] = await tx
      .insert(outboxEmails)
      .values(email)
      .onConflictDoNothing()
      .returning({ id: outboxEmails.id });
    if (!queued) return false;
    await tx.insert(taskActionLinks).values(
      links.actions.map((action) => ({
        emailId: queued.id,
        taskId: links.taskId,
        action,
        recipientId: links.recipientId,
        expiresAt: links.expiresAt,
      })),
    );
    return true;
  });
}

/**
 * Mints a fresh token for each action link of an email, for the message about to be handed to SMTP; the plain
 * tokens live only in the returned value and that message. Every attempt mints its own: a token of an attempt the
 * server refused was never seen by anyone, and a message sent twice works from either copy.
 */
export async function mintEmailLinks(emailId: string): Promise<Record<string, string>> {
  const links = await db().select().from(taskActionLinks).where(eq(taskActionLinks.emailId, emailId));
  if (links.length === 0) return {};
  const minted = links.map((link) => ({ link, token: newToken() }));
  await db()
    .insert(taskActionTokens)
    .values(
      minted.map(({ link, token }) => ({
        tokenHash: hash(token),
        taskId: link.taskId,
        action: link.action,
        recipientId: link.recipientId,
        linkId: link.id,
        expiresAt: link.expiresAt,
      })),
    );
  return Object.fromEntries(minted.map(({ link, token }) => [link.action, token]));
}

/** Creates one token per action for a recipient, outside any email; the plain tokens exist only in the returned value. */
export async function issueActionTokens(
  taskId: string,
  recipientId: string,
  actions: string[],
  expiresAt: Date,
): Promise<Record<string, string>> {
  const tokens = Object.fromEntries(actions.map((action) => [action, newToken()]));
  await db()
    .insert(taskActionTokens)
    .values(
      actions.map((action) => ({ tokenHash: hash(tokens[action] ?? ""), taskId, action, recipientId, expiresAt })),
    );
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
  if (row.token.usedAt || (row.token.linkId && (await linkUsed(row.token.linkId))))
    return { state: "used", token: row.token, task: row.task };
  if (row.token.expiresAt.getTime() <= Date.now()) return { state: "expired", token: row.token, task: row.task };
  return { state: "valid", ...row };
}

async function linkUsed(linkId: string, tx: Executor = db()): Promise<boolean> {
  const [used] = await tx
    .select({ id: taskActionTokens.id })
    .from(taskActionTokens)
    .where(and(eq(taskActionTokens.linkId, linkId), isNotNull(taskActionTokens.usedAt)))
    .limit(1);
  return used !== undefined;
}

/**
 * Uses a token exactly once: of two confirmations racing, one gets it. A token minted for an email's link is used
 * up with every other token of that link (the same email sent twice), under the link's lock.
 */
export async function consumeActionToken(token: Pick<TaskActionToken, "id" | "linkId">): Promise<boolean> {
  return db().transaction(async (tx) => {
    if (token.linkId) {
      await tx
        .select({ id: taskActionLinks.id })
        .from(taskActionLinks)
        .where(eq(taskActionLinks.id, token.linkId))
        .for("update");
      if (await linkUsed(token.linkId, tx)) return false;
    }
    const rows = await tx
      .update(taskActionTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(taskActionTokens.id, token.id),
          isNull(taskActionTokens.usedAt),
          gt(taskActionTokens.expiresAt, new Date()),
        ),
      )
      .returning({ id: taskActionTokens.id });
    return rows.length === 1;
  });
}

/**
 * A link that did not act (unknown, tampered, used, expired, refused) is audited with why; when a signed-in person
 * tried it, as them, with whom the link was for.
 */
export async function auditRefusedLink(
  reason: string,
  taskId: string | null,
  documentId: string | null,
  tried: { by: { id: string; email: string }; recipientId: string } | null = null,
): Promise<void> {
  await recordAudit({
    actor: tried ? { id: tried.by.id, label: tried.by.email } : { id: null, label: "email link" },
    action: taskAuditActions.linkRefused,
    subjectType: "task",
    subjectId: taskId ?? "unknown",
    correlationId: documentId,
    after: tried ? { reason, recipientId: tried.recipientId } : { reason },
  });
}
