import { z } from "zod";
import type { DecisionRecordData } from "@/db/queries/decision-record";
import { fieldLabel } from "@/domain/documents/fields";
import { describeConversion, type Conversion } from "@/domain/fx";
import { isEditableField } from "@/domain/tasks/edits";
import { correctedFields, type CorrectedField } from "@/domain/timeline";
import { formatUtc } from "@/lib/format";
import { formatMoney } from "@/domain/money";
import { approvingActions } from "@/domain/tasks/actions";
import { ticketDecisionParametersSchema, ticketTaskProposedSchema } from "@/domain/payloads/tickets";

/** A closed task's decision record as the task page states it. */
export type DecisionRecordView = {
  outcome: string;
  by: string;
  at: string | null;
  reason: string | null;
  rate: string | null;
  changes: CorrectedField[];
  approvals: { who: string; at: string | null }[];
  shown: { label: string; page: number; text: string; confidence: string }[];
  links: string[];
  /** A ticket's approval: the reply as sent and the refund as issued. */
  ticket: { reply: string; refund: string } | null;
  /** Parameters this page has no words for, shown as recorded so nothing on the record is hidden. */
  other: { name: string; value: string }[];
};

const outcomes: Record<string, string> = {
  approve: "Approved",
  edit_and_approve: "Approved with corrections",
  reject: "Rejected",
  create_vendor: "Vendor created",
  expire: "Expired: nobody decided before the deadline",
  confirm: "QA review: read correctly",
  report_errors: "QA review: errors reported (the posted payable is unchanged)",
  escalate: "Escalated: nothing was sent or refunded",
};

// Words for the parameters some resolutions record besides the common ones; any other is shown under its own name.
const parameterLabels: Record<string, string> = { bankCheckedOutOfBand: "Bank details checked by phone" };

const parameterValue = (value: unknown) =>
  typeof value === "boolean" ? (value ? "yes" : "no") : typeof value === "string" ? value : JSON.stringify(value);

const known = new Set(["reason", "changes", "conversion", "shown", "extractionId", "approvers"]);
const ticketKnown = new Set([...known, "reply", "refundMinor", "currency"]);

// Recorded parameters are jsonb written by several versions of Keel: each part is read on its own, and a part that
// does not have the expected shape is left out rather than failing the page.
const reasonSchema = z.string().trim().min(1);
const changesSchema = z.array(z.unknown());
const shownSchema = z.array(
  z.object({ field: z.string(), confidence: z.number(), page: z.number(), text: z.string() }).loose(),
);

const named = (p: { name: string; email: string }) =>
  p.name && p.name !== p.email ? `${p.name} (${p.email})` : p.email;
const when = (at: Date | null) => (at ? formatUtc(at) : null);

function rateOf(value: unknown): string | null {
  if (typeof value !== "object" || value === null || !("legs" in value) || !Array.isArray(value.legs)) return null;
  return describeConversion(value as Conversion);
}

function deciderOf(record: DecisionRecordData): string {
  if (record.decidedBy) return named(record.decidedBy);
  if (record.task.status === "expired") return "Nobody: the deadline passed";
  if (record.task.status === "cancelled") return "Nobody: the task was cancelled";
  return "A person no longer in Keel";
}

const refundWords = (minor: number | null, currency: string | null) =>
  minor !== null && currency ? formatMoney({ minor, currency }) : "No refund";

/** A ticket's decision as sent, and what the person changed from the draft; null for a document's task. */
function ticketParts(task: DecisionRecordData["task"]): Pick<DecisionRecordView, "ticket" | "changes"> | null {
  const proposed = ticketTaskProposedSchema.safeParse(task.proposed);
  if (!proposed.success) return null;
  const decided = ticketDecisionParametersSchema.safeParse(task.parameters);
  if (!decided.success || !approvingActions.some((a) => a === task.action)) return { ticket: null, changes: [] };
  const was = refundWords(proposed.data.refundMinor, proposed.data.currency);
  const is = refundWords(decided.data.refundMinor, decided.data.currency);
  return {
    ticket: { reply: decided.data.reply, refund: is },
    changes: [
      ...(proposed.data.reply !== decided.data.reply
        ? [{ label: "Reply", from: proposed.data.reply, to: decided.data.reply }]
        : []),
      ...(was !== is ? [{ label: "Refund", from: was, to: is }] : []),
    ],
  };
}

export function decisionRecordView(record: DecisionRecordData): DecisionRecordView {
  const { task } = record;
  const ticket = ticketParts(task);
  const parameters = task.parameters ?? {};
  const currency = typeof task.decided?.currency === "string" ? task.decided.currency : task.currency;
  const reason = reasonSchema.safeParse(parameters.reason);
  const changes = changesSchema.safeParse(parameters.changes);
  const shown = shownSchema.safeParse(parameters.shown);
  const action = task.action ?? task.status;
  return {
    outcome: outcomes[action] ?? action.replaceAll("_", " "),
    by: deciderOf(record),
    at: when(task.resolvedAt),
    reason: reason.success ? reason.data : null,
    rate: rateOf(parameters.conversion),
    changes: ticket ? ticket.changes : changes.success ? correctedFields(changes.data, currency) : [],
    ticket: ticket?.ticket ?? null,
    approvals: record.approvals.map((a) => ({ who: named(a), at: when(a.at) })),
    shown: shown.success
      ? shown.data.map((s) => ({
          label: isEditableField(s.field) ? fieldLabel(s.field, null) : s.field,
          page: s.page,
          text: s.text,
          confidence: `${String(Math.round(s.confidence * 100))} %`,
        }))
      : [],
    links: record.linksUsed.map(
      (l) => `${l.action.replaceAll("_", " ")} link emailed to ${named(l.recipient)}, used ${formatUtc(l.usedAt)}`,
    ),
    other: Object.entries(parameters)
      .filter(([name, value]) => !(ticket ? ticketKnown : known).has(name) && value !== null && value !== undefined)
      .map(([name, value]) => ({ name: parameterLabels[name] ?? name, value: parameterValue(value) })),
  };
}
