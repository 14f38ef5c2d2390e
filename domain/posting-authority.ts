import type { DocumentClass } from "./documents/types";
import { formatMoney, isCurrencyCode } from "./money";
import type { TaskType } from "./task-types";
import type { Thresholds } from "./thresholds";

/** One resolved, approving decision on a document's task, with everyone who approved it (two under four eyes). */
export type TaskApproval = { taskType: TaskType; approvers: readonly string[] };

/** Who touched a document: the uploader, whoever corrected its fields, and the approvals given on its tasks. */
export type PeopleFacts = {
  /** Null for API and email intake. */
  uploadedBy: string | null;
  editors: readonly string[];
  approvals: readonly TaskApproval[];
};

export type PostingFacts = PeopleFacts & {
  documentClass: DocumentClass | null;
  /** Whether the document is linked to a vendor on file: a payable is owed to someone Keel knows. */
  vendorOnFile: boolean;
  amount: { minor: number; currency: string } | null;
  thresholds: Pick<Thresholds, "autoPostMaxMinor">;
};

export type PostingAnswer =
  { allowed: true; basis: "not_payable" | "machine" | "approval" } | { allowed: false; reason: string };

/** The decisions that approve paying the document itself; confirming a vendor, a price or the fields does not. */
const authorising: ReadonlySet<TaskType> = new Set(["APPROVE_SPEND", "HIGH_RISK_ACTION"]);

/** A payable: what posting turns into money owed. */
export function isPayable(documentClass: DocumentClass | null): boolean {
  return documentClass === "invoice";
}

/** Someone who approved paying the document and is neither its uploader nor anyone who corrected its fields. */
export function independentApprover(people: PeopleFacts): string | null {
  const involved = new Set([...(people.uploadedBy === null ? [] : [people.uploadedBy]), ...people.editors]);
  for (const approval of people.approvals) {
    if (!authorising.has(approval.taskType)) continue;
    const approver = approval.approvers.find((id) => !involved.has(id));
    if (approver !== undefined) return approver;
  }
  return null;
}

/**
 * Why a payable that people have shaped still needs an independent spend approval, or null when it does not: once a
 * person corrected its fields, or a vendor was created from it, the machine's reading is no longer what posts, so no
 * single person — uploader, corrector or vendor creator — may make it move money alone.
 */
export function spendApprovalGap(documentClass: DocumentClass | null, people: PeopleFacts): string | null {
  if (!isPayable(documentClass) || independentApprover(people) !== null) return null;
  if (people.editors.length > 0) {
    return "A person corrected the fields, so someone other than the uploader and whoever corrected them approves the spend.";
  }
  if (people.approvals.some((a) => a.taskType === "CONFIRM_NEW_VENDOR")) {
    return "The vendor was created from this document, so someone other than the uploader approves its first payment.";
  }
  // Confirming the reading, a duplicate or a bank change is a judgement on data by people who may hold no spending
  // authority (operators review; the uploader may): once the machine's route was not clean, only a spend approval
  // makes it a payment.
  const decided = [
    ...new Set(people.approvals.filter((a) => !authorising.has(a.taskType)).map((a) => taskNames[a.taskType])),
  ];
  if (decided.length > 0) {
    return `A person decided what the machine could not (${decided.join(", ")}), so someone other than the uploader approves the spend.`;
  }
  return null;
}

const taskNames: Record<TaskType, string> = {
  REVIEW_EXTRACTION: "the reading",
  CONFIRM_DUPLICATE: "that it is no duplicate",
  CONFIRM_NEW_VENDOR: "the new vendor",
  CONFIRM_PRICE_CHANGE: "a price change",
  CONFIRM_BANK_CHANGE: "a bank change",
  APPROVE_SPEND: "the spend",
  HIGH_RISK_ACTION: "a high-risk action",
  QA_REVIEW: "a QA review",
  TICKET_REVIEW: "a ticket reply",
};

/**
 * May this document post now? Defence in depth behind the route: a payable posts only after a clean machine route
 * (no human edits, under the auto-post limit) or an approval of its spend by someone who neither uploaded it nor
 * corrected its fields. Any other path to posting is a bug or an attack, and is refused with the reason.
 */
export function mayPost(facts: PostingFacts): PostingAnswer {
  if (!isPayable(facts.documentClass)) return { allowed: true, basis: "not_payable" };
  if (!facts.vendorOnFile) {
    return {
      allowed: false,
      reason:
        "Not posted: no vendor on file is linked to this invoice. An approver or admin sets the vendor up from the document first.",
    };
  }
  if (independentApprover(facts) !== null) return { allowed: true, basis: "approval" };
  const gap = spendApprovalGap(facts.documentClass, facts);
  if (gap !== null) return { allowed: false, reason: `Not posted: nobody independent approved it. ${gap}` };
  const { amount } = facts;
  if (amount === null)
    return {
      allowed: false,
      reason: "Not posted: the invoice has no total, so it cannot post without a spend approval.",
    };
  const limit = facts.thresholds.autoPostMaxMinor[amount.currency];
  if (limit === undefined || amount.minor > limit) {
    const shown = isCurrencyCode(amount.currency)
      ? formatMoney({ minor: amount.minor, currency: amount.currency })
      : `${String(amount.minor)} ${amount.currency}`;
    return {
      allowed: false,
      reason: `Not posted: ${shown} is above what may post without approval, and nobody independent approved it.`,
    };
  }
  return { allowed: true, basis: "machine" };
}
