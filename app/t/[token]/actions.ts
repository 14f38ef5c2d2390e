"use server";

import { z } from "zod";
import { auditRefusedLink, consumeActionToken, lookupActionToken } from "@/db/queries/action-tokens";
import { decide } from "@/lib/tasks/decide";
import { linkProblem } from "@/lib/tasks/link-problem";

export type LinkState = { done: null } | { done: true; message: string } | { done: false; message: string; reasonError?: string };

const formSchema = z.object({ token: z.string().min(1).max(100), reason: z.string().trim().max(1000).default("") });

/**
 * public: the emailed token is the credential. Only this POST, sent from the confirmation page, acts; opening the
 * link never does, so mail scanners and previews decide nothing. The same policy as the inbox applies, as the
 * token's recipient.
 */
export async function confirmLinkAction(_previous: LinkState, formData: FormData): Promise<LinkState> {
  const parsed = formSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { done: false, message: "This link is not valid." };
  const found = await lookupActionToken(parsed.data.token);
  if (found.state !== "valid") {
    await auditRefusedLink(`post:${found.state}`, found.state === "invalid" ? null : found.task.id, found.state === "invalid" ? null : found.task.documentId);
    return { done: false, message: linkProblem(found.state) };
  }
  const action = found.token.action === "approve" ? { action: "approve" as const } : { action: "reject" as const, reason: parsed.data.reason };
  if (action.action === "reject" && action.reason.length < 3) return { done: false, message: "Say why you reject it.", reasonError: "Say why, so the uploader can act on it." };
  const result = await decide(found.recipient, found.task.id, action);
  if (!result.ok) {
    await auditRefusedLink(`policy:${result.message}`, found.task.id, found.task.documentId);
    return { done: false, message: result.message };
  }
  await consumeActionToken(found.token.id);
  return {
    done: true,
    message: action.action === "approve" ? (result.data.resolved ? "Approved. Thank you." : "Approved. A second approver must confirm before it is final.") : "Rejected. Thank you.",
  };
}
