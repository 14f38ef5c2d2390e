import { z } from "zod";
import type { TaskType } from "../routing";
import { editableFields } from "./edits";
import { lineEditsSchema } from "./line-edits";
import type { PolicyAnswer } from "./policy";

/** What a person can do with a task, each with the schema of its parameters. */
export const actionSchemas = {
  approve: z.object({ extractionId: z.uuid().optional() }),
  edit_and_approve: z.object({
    extractionId: z.uuid(),
    edits: z.partialRecord(z.enum(editableFields), z.string().max(200, "Keep it under 200 characters.")),
    /** The whole grid of lines as typed, sent only when a person changed a line. */
    lines: lineEditsSchema.optional(),
  }),
  reject: z.object({
    reason: z.string().trim().min(3, "Say why, so the uploader can act on it.").max(1000),
    extractionId: z.uuid().optional(),
  }),
  ask_vendor: z.object({
    to: z.email("Type the vendor's email address, such as billing@vendor.com.").max(320),
    subject: z.string().trim().min(3, "Give the email a subject.").max(200),
    body: z.string().trim().min(10, "Write what you need the vendor to confirm or correct.").max(5000),
  }),
} as const;

export type TaskActionName = keyof typeof actionSchemas;
export type TaskActionParameters<A extends TaskActionName> = z.infer<(typeof actionSchemas)[A]>;

/**
 * Actions each type offers, with why the others are not there. A bank detail change is confirmed or refused as it
 * stands: its fields are not corrected in Keel, and the vendor is never asked by email, the channel a fraudster
 * would answer. A new vendor is approved only by creating it, so the run continues with the vendor on file.
 */
const unavailable: Partial<Record<TaskType, Partial<Record<TaskActionName, string>>>> = {
  CONFIRM_BANK_CHANGE: {
    edit_and_approve: "A bank detail change is approved or rejected as it stands, never corrected.",
    ask_vendor: "Confirm a bank detail change by phone, with contact details already on file, never by email.",
  },
  CONFIRM_NEW_VENDOR: {
    approve: "Approve by creating the vendor below, or reject the document.",
    edit_and_approve: "Create the vendor below with the corrected details, or reject the document.",
  },
  QA_REVIEW: {
    approve: "The document already posted; confirm it was read correctly or report what was read wrong.",
    edit_and_approve: "Report the errors with the corrected values; the posted payable is fixed by accounts.",
    reject: "The document already posted; report what was read wrong instead.",
    ask_vendor: "A QA review checks Keel's reading against the document; nothing needs the vendor.",
  },
  TICKET_REVIEW: {
    ask_vendor: "A ticket is answered to the customer with its reply; there is no vendor to ask.",
  },
};

export function actionAvailable(type: TaskType, action: TaskActionName): PolicyAnswer {
  const reason = unavailable[type]?.[action];
  return reason ? { allowed: false, reason } : { allowed: true };
}

/** The resolutions that approve: what the run treats as a go-ahead, and what posting counts as an approval. */
export const approvingActions = ["approve", "edit_and_approve", "create_vendor"] as const;

/** Everyone who approved a resolved task: four eyes lists them on the decision, a single approval is its resolver. */
export function approversOf(parameters: unknown, resolvedBy: string | null): string[] {
  const listed = (parameters as { approvers?: unknown } | null)?.approvers;
  if (Array.isArray(listed) && listed.every((id) => typeof id === "string")) return listed;
  return resolvedBy === null ? [] : [resolvedBy];
}
