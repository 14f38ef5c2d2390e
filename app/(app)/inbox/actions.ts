"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { handleAction } from "@/lib/actions";
import { authorize } from "@/services/auth/session";
import { invalid, type ActionResult } from "@/lib/errors";
import { actionSchemas } from "@/domain/tasks/actions";
import { qaActionSchemas } from "@/domain/operations/qa-review";
import { askVendor } from "@/services/tasks/ask-vendor";
import { assign } from "@/services/tasks/assign";
import { decide, type Decision } from "@/services/tasks/decide";
import { ticketDecisionSchema } from "@/domain/tickets/decision";

const decideSchema = z.discriminatedUnion("action", [
  actionSchemas.approve.extend({ taskId: z.uuid(), action: z.literal("approve") }),
  actionSchemas.edit_and_approve.extend({ taskId: z.uuid(), action: z.literal("edit_and_approve") }),
  actionSchemas.reject.extend({ taskId: z.uuid(), action: z.literal("reject") }),
  qaActionSchemas.confirm.extend({ taskId: z.uuid(), action: z.literal("confirm") }),
  qaActionSchemas.report_errors.extend({ taskId: z.uuid(), action: z.literal("report_errors") }),
]);

export type DecideInput = z.input<typeof decideSchema>;

/** Approve (as read or with corrections) or reject a task from the inbox; confirm or report errors on a QA review. */
export async function decideTask(
  input: DecideInput,
): Promise<ActionResult<{ resolved: boolean; correctedOnly?: true }>> {
  return decideParsed(decideSchema.safeParse(input));
}

const ticketDecisionInputSchema = z.object({ taskId: z.uuid() }).and(ticketDecisionSchema);

/** Approve, edit the reply and refund then approve, reject or escalate a ticket's task, with a reason for the last two. */
export async function decideTicketTaskAction(
  input: z.input<typeof ticketDecisionInputSchema>,
): Promise<ActionResult<{ resolved: boolean; correctedOnly?: true }>> {
  return decideParsed(ticketDecisionInputSchema.safeParse(input));
}

/** One decision as parsed from either form, through `decide()`, and the pages it changes refreshed. */
async function decideParsed(
  parsed: z.ZodSafeParseResult<{ taskId: string } & Decision>,
): Promise<ActionResult<{ resolved: boolean; correctedOnly?: true }>> {
  return handleAction(async () => {
    const user = await authorize("inbox:view");
    if (!parsed.success) return invalid(parsed.error);
    const { taskId, ...decision } = parsed.data;
    const result = await decide(user, taskId, decision);
    if (!result.ok) return result;
    revalidatePath("/inbox");
    revalidatePath(`/inbox/${taskId}`);
    revalidatePath(subjectPath(result.data));
    return {
      ok: true,
      data: { resolved: result.data.resolved, ...(result.data.correctedOnly ? { correctedOnly: true as const } : {}) },
    } as const;
  });
}

/** The page of what a decided task was about: its document, or its ticket. */
const subjectPath = (subject: { documentId: string | null; ticketId: string | null }) =>
  subject.documentId ? `/documents/${subject.documentId}` : `/tickets/${subject.ticketId ?? ""}`;

const assignSchema = z.object({ taskId: z.uuid(), to: z.union([z.literal("me"), z.literal("nobody"), z.uuid()]) });

/** Claim ("me"), release ("nobody") or, for admins, reassign to a user id. */
export async function assignTaskAction(input: z.input<typeof assignSchema>): Promise<ActionResult> {
  return handleAction(async () => {
    const user = await authorize("inbox:view");
    const parsed = assignSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { taskId, to } = parsed.data;
    const result = await assign(user, taskId, to);
    if (!result.ok) return result;
    revalidatePath(`/inbox/${taskId}`);
    revalidatePath("/inbox");
    return { ok: true } as const;
  });
}

const askVendorSchema = actionSchemas.ask_vendor.extend({ taskId: z.uuid() });

/** Email the vendor a question about the task's document; the task stays open for the decision. */
export async function askVendorAction(
  input: z.input<typeof askVendorSchema>,
): Promise<ActionResult<{ queued: boolean }>> {
  return handleAction(async () => {
    const user = await authorize("inbox:view");
    const parsed = askVendorSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { taskId, ...query } = parsed.data;
    const result = await askVendor(user, taskId, query);
    if (!result.ok) return result;
    revalidatePath(`/inbox/${taskId}`);
    revalidatePath(`/documents/${result.data.documentId}`);
    return { ok: true, data: { queued: result.data.queued } } as const;
  });
}
