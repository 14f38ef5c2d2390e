import { z } from "zod";
import { auditRefusedLink, consumeActionToken, lookupActionToken, type TokenLookup } from "@/db/queries/action-tokens";
import type { User } from "@/db/schema";
import { describeConversion } from "@/domain/fx";
import { mayConfirmLink } from "@/domain/tasks/policy";
import { linkProblem } from "@/domain/tasks/link-problem";
import { decide } from "./decide";

export type LinkState =
  { done: null } | { done: true; message: string } | { done: false; message: string; reasonError?: string };

export const confirmLinkSchema = z.object({
  token: z.string().min(1).max(100),
  reason: z.string().trim().max(1000).default(""),
});

/**
 * A confirmation posted from an emailed link's page, by whoever is at the browser (`signedIn`, or null without a
 * session). The token names its recipient, and the decision is theirs: someone signed in as anyone else is refused
 * and audited, and nothing changes. The same policy as the inbox then applies, as the recipient.
 */
export async function confirmActionLink(
  input: z.input<typeof confirmLinkSchema>,
  signedIn: User | null,
): Promise<LinkState> {
  const parsed = confirmLinkSchema.safeParse(input);
  if (!parsed.success) return { done: false, message: "This link is not valid." };
  const found = await usableLink(parsed.data.token, signedIn, "post");
  if (!found.ok) return { done: false, message: found.message };
  const action =
    found.token.action === "approve"
      ? { action: "approve" as const }
      : { action: "reject" as const, reason: parsed.data.reason };
  if (action.action === "reject" && action.reason.length < 3)
    return { done: false, message: "Say why you reject it.", reasonError: "Say why, so the uploader can act on it." };
  const result = await decide(found.recipient, found.task.id, action);
  if (!result.ok) {
    await auditRefusedLink(`policy:${result.message}`, found.task.id, found.task.documentId ?? found.task.ticketId);
    return { done: false, message: result.message };
  }
  await consumeActionToken(found.token);
  // The rate the limit was judged at is on the decision; the person who approved by email sees it too.
  const rate = result.data.conversion
    ? ` Converted for your limit: ${describeConversion(result.data.conversion)}.`
    : "";
  return {
    done: true,
    message:
      action.action === "approve"
        ? result.data.resolved
          ? `Approved.${rate} Thank you.`
          : `Approved.${rate} A second approver must confirm before it is final.`
        : "Rejected. Thank you.",
  };
}

export type UsableLink = { ok: true } & Extract<TokenLookup, { state: "valid" }>;

/**
 * A link that may act, for whoever is at the browser: unused, unexpired, and theirs. Every refusal is audited with
 * the stage it came at, `view` (the page, which link scanners fetch too) or `post` (the confirmation).
 */
export async function usableLink(
  token: string,
  signedIn: User | null,
  stage: "view" | "post",
): Promise<UsableLink | { ok: false; message: string }> {
  const found = await lookupActionToken(token);
  if (found.state !== "valid") {
    await auditRefusedLink(
      `${stage}:${found.state}`,
      found.state === "invalid" ? null : found.task.id,
      found.state === "invalid" ? null : (found.task.documentId ?? found.task.ticketId),
    );
    return { ok: false, message: linkProblem(found.state) };
  }
  const person = mayConfirmLink(found.recipient, signedIn);
  if (!person.allowed) {
    await auditRefusedLink(
      `${stage}:not_recipient`,
      found.task.id,
      found.task.documentId ?? found.task.ticketId,
      signedIn && { by: signedIn, recipientId: found.recipient.id },
    );
    return { ok: false, message: person.reason };
  }
  return { ok: true, ...found };
}
