import type { Role as UserRole } from "../roles";
import type { Finding } from "../documents/types";
import { formatMoney } from "../money";
import { isTicketTaskType, type DocumentTaskType, type TaskType } from "../task-types";

/** Who works each kind of task first: reviewing what was read is operators' work, money and risk approvers'. */
export const taskRole: Record<TaskType, UserRole> = {
  REVIEW_EXTRACTION: "operator",
  CONFIRM_DUPLICATE: "operator",
  APPROVE_SPEND: "approver",
  CONFIRM_PRICE_CHANGE: "approver",
  CONFIRM_BANK_CHANGE: "admin",
  HIGH_RISK_ACTION: "admin",
  CONFIRM_NEW_VENDOR: "approver",
  // Checking a posted reading is a second look by someone who holds the money, not the operators who read it.
  QA_REVIEW: "approver",
  // A reply without money is support's; `openTicketTaskStep` hands a ticket proposing a refund to approvers.
  TICKET_REVIEW: "operator",
};

export type TaskContext = {
  documentClass: string | null;
  documentNumber: string | null;
  vendorName: string | null;
  totalMinor: number | null;
  currency: string | null;
  filename: string;
};

export const classLabel: Record<string, string> = {
  invoice: "invoice",
  purchase_order: "purchase order",
  quote: "quote",
  price_change: "price change",
  bank_detail_change: "bank detail change",
  other: "document",
};

/** The task's title and description, rendered from the document: "Approve invoice INV-7 from ACME (€12,400.00)". */
export function describeTask(
  type: TaskType,
  ctx: TaskContext,
  findings: Finding[],
): { title: string; description: string } {
  const what = `${classLabel[ctx.documentClass ?? "other"] ?? "document"}${ctx.documentNumber ? ` ${ctx.documentNumber}` : ""}`;
  const from = ctx.vendorName ? ` from ${ctx.vendorName}` : "";
  const amount =
    ctx.totalMinor !== null && ctx.currency
      ? ` (${formatMoney({ minor: ctx.totalMinor, currency: ctx.currency })})`
      : "";
  const titles: Record<DocumentTaskType, string> = {
    REVIEW_EXTRACTION: `Check the fields read from ${what}${from}`,
    APPROVE_SPEND: `Approve ${what}${from}${amount}`,
    CONFIRM_PRICE_CHANGE: `Confirm the new prices on ${what}${from}`,
    CONFIRM_BANK_CHANGE: `Confirm the bank detail change${from}`,
    CONFIRM_DUPLICATE: `Is ${what}${from} a duplicate?`,
    HIGH_RISK_ACTION: `High-risk ${what}${from}${amount}: approve or reject`,
    CONFIRM_NEW_VENDOR: `New vendor${from}: set them up or reject ${what}`,
    QA_REVIEW: `QA review: was ${what}${from}${amount} read correctly?`,
  };
  // A ticket's task is described from the ticket (services/tickets/open-task.ts), never from a document.
  if (isTicketTaskType(type)) throw new Error(`${type} describes a ticket, not a document.`);
  const reasons = findings.filter((f) => f.severity !== "info").map((f) => `• ${f.message}`);
  return {
    title: titles[type],
    description: [`From ${ctx.filename}.`, ...(reasons.length ? ["What Keel found:", ...reasons] : [])].join("\n"),
  };
}
