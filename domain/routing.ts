import type { DocumentClass, Extraction, Finding } from "./documents/types";
import { formatMoney, isCurrencyCode } from "./money";
import { spendApprovalGap, type PeopleFacts } from "./posting-authority";
import type { RiskAssessment } from "./risk";
import { fieldsBelowThreshold } from "./rules/low-confidence";
import { isRuleId, type RuleId } from "./rules/rule-ids";
import { routedTaskTypes, taskTypes, type RoutedTaskType, type TaskType } from "./task-types";
import type { Thresholds } from "./thresholds";

export { routedTaskTypes, taskTypes, type RoutedTaskType, type TaskType };

export type Route =
  { kind: "auto_post" } | { kind: "task"; taskType: TaskType; reasons: string[]; deadlineHours: number };

export type RouteInput = {
  extraction: Extraction;
  findings: readonly Finding[];
  risk: RiskAssessment;
  thresholds: Thresholds;
  /** Who uploaded, corrected and approved the document so far; none of that when absent. */
  people?: PeopleFacts;
};

/**
 * When several decisions are needed, the task is the first of these; its reasons list every cause, its own first.
 * 1. CONFIRM_BANK_CHANGE — an irreversible fraud vector; nobody should fix fields or approve spend on a document
 *    that redirects payment until the change itself is confirmed.
 * 2. CONFIRM_DUPLICATE — if it is a duplicate, every other question about it is moot.
 * 3. REVIEW_EXTRACTION — data and ambiguity: price, spend and risk are judged on numbers that must be read right.
 * 4. CONFIRM_NEW_VENDOR — a vendor is created from a name and tax id read right, and every later question (risk,
 *    prices, spend) is judged against the vendor on file.
 * 5. HIGH_RISK_ACTION — high risk needs the stricter policy before the narrower approvals below.
 * 6. CONFIRM_PRICE_CHANGE — a new price is confirmed before the spend that uses it is approved.
 * 7. APPROVE_SPEND — amount, budget and PO policy.
 */
export const taskPrecedence: readonly RoutedTaskType[] = [
  "CONFIRM_BANK_CHANGE",
  "CONFIRM_DUPLICATE",
  "REVIEW_EXTRACTION",
  "CONFIRM_NEW_VENDOR",
  "HIGH_RISK_ACTION",
  "CONFIRM_PRICE_CHANGE",
  "APPROVE_SPEND",
];

/**
 * Which decision each rule asks for: data that does not add up and ambiguity are reviewed; policy questions (spend,
 * vendor, duplicates, prices, bank details) go to the task that decides them.
 */
export const taskTypeByRule: Record<RuleId, TaskType> = {
  "line-amount-mismatch": "REVIEW_EXTRACTION",
  "subtotal-mismatch": "REVIEW_EXTRACTION",
  "total-mismatch": "REVIEW_EXTRACTION",
  "required-field-missing": "REVIEW_EXTRACTION",
  "invalid-field-value": "REVIEW_EXTRACTION",
  "low-confidence": "REVIEW_EXTRACTION",
  "po-not-found": "REVIEW_EXTRACTION",
  "po-currency-mismatch": "REVIEW_EXTRACTION",
  "vendor-currency-mismatch": "REVIEW_EXTRACTION",
  "vendor-tax-id-mismatch": "HIGH_RISK_ACTION",
  "vendor-name-mismatch": "REVIEW_EXTRACTION",
  "unknown-vendor": "CONFIRM_NEW_VENDOR",
  "duplicate-invoice-number": "CONFIRM_DUPLICATE",
  "possible-duplicate-invoice": "CONFIRM_DUPLICATE",
  "duplicate-document-text": "CONFIRM_DUPLICATE",
  "po-total-mismatch": "APPROVE_SPEND",
  "po-line-unmatched": "APPROVE_SPEND",
  "po-line-quantity-mismatch": "APPROVE_SPEND",
  "over-budget": "APPROVE_SPEND",
  "budget-currency-mismatch": "APPROVE_SPEND",
  "po-line-price-mismatch": "CONFIRM_PRICE_CHANGE",
  "price-jump": "CONFIRM_PRICE_CHANGE",
  "bank-details-changed": "CONFIRM_BANK_CHANGE",
};

const spendClasses: ReadonlySet<DocumentClass> = new Set(["invoice", "purchase_order"]);

type Cause = { taskType: TaskType; reason: string };

/**
 * Auto-post only when nothing needs a person: every field sure, no rule fired, low risk, reversible action.
 * `decided` are the task types people have already approved for this document: after each approval the run routes
 * again, so a review of the fields is followed by the spend approval it was standing in front of, never by itself.
 */
export function route(
  { extraction, findings, risk, thresholds, people }: RouteInput,
  decided: readonly TaskType[] = [],
): Route {
  const open = (causes: Cause[]) => causes.filter((cause) => !decided.includes(cause.taskType));
  const causes = open([
    ...classCauses(extraction),
    ...findingCauses(findings),
    ...confidenceCauses(extraction, findings, thresholds),
    ...amountCauses(extraction, thresholds),
    ...(risk.level === "high" ? riskCauses("HIGH_RISK_ACTION", risk, findings) : []),
  ]);
  causes.push(...authorityCauses(extraction, people, decided));

  // Medium risk or an irreversible action alone still needs a person; they decide only when nobody has yet.
  const personSawIt = decided.length > 0;
  if (causes.length === 0 && !personSawIt && risk.level === "medium") {
    const spend = spendClasses.has(extraction.documentClass.value ?? "other");
    causes.push(...riskCauses(spend ? "APPROVE_SPEND" : "HIGH_RISK_ACTION", risk, findings));
  }
  if (causes.length === 0 && !personSawIt && !risk.reversible) {
    causes.push({ taskType: "HIGH_RISK_ACTION", reason: "The proposed action cannot be undone, so a person decides." });
  }
  const chosen = taskPrecedence.find((type) => causes.some((cause) => cause.taskType === type));
  if (chosen === undefined) return { kind: "auto_post" };

  const reasons = [...causes.filter((c) => c.taskType === chosen), ...causes.filter((c) => c.taskType !== chosen)].map(
    (c) => c.reason,
  );
  return {
    kind: "task",
    taskType: chosen,
    reasons: [...new Set(reasons)],
    deadlineHours: thresholds.deadlineHours[chosen],
  };
}

/**
 * A payable people have shaped needs an independent spend approval whatever was decided before: when the spend
 * approval already given came from someone involved, an admin decides on the high-risk task instead.
 */
function authorityCauses(
  extraction: Extraction,
  people: PeopleFacts | undefined,
  decided: readonly TaskType[],
): Cause[] {
  if (people === undefined) return [];
  const gap = spendApprovalGap(extraction.documentClass.value, people);
  if (gap === null) return [];
  const taskType = (["APPROVE_SPEND", "HIGH_RISK_ACTION"] as const).find((type) => !decided.includes(type));
  return taskType === undefined ? [] : [{ taskType, reason: gap }];
}

/** The score, then the risk reasons that do not merely repeat a finding already listed. */
function riskCauses(taskType: TaskType, risk: RiskAssessment, findings: readonly Finding[]): Cause[] {
  const own = risk.reasons.filter((reason) => !findings.some((f) => reason.startsWith(f.message)));
  return [
    { taskType, reason: `Risk is ${risk.level}: ${String(risk.score)} of 100.` },
    ...own.map((reason) => ({ taskType, reason })),
  ];
}

function classCauses(extraction: Extraction): Cause[] {
  const documentClass = extraction.documentClass.value;
  if (documentClass === "bank_detail_change") {
    return [{ taskType: "CONFIRM_BANK_CHANGE", reason: "The document asks to change the vendor's bank details." }];
  }
  if (documentClass === "price_change") {
    return [{ taskType: "CONFIRM_PRICE_CHANGE", reason: "The document announces new prices." }];
  }
  if (documentClass === null || documentClass === "other") {
    return [
      {
        taskType: "REVIEW_EXTRACTION",
        reason: "Keel posts purchase orders, invoices and quotes only; say what this document is.",
      },
    ];
  }
  return [];
}

function findingCauses(findings: readonly Finding[]): Cause[] {
  return findings
    .filter((f) => f.severity !== "info")
    .map((f) => ({ taskType: isRuleId(f.rule) ? taskTypeByRule[f.rule] : "REVIEW_EXTRACTION", reason: f.message }));
}

/** Fields the low-confidence finding already names are not listed twice. */
function confidenceCauses(extraction: Extraction, findings: readonly Finding[], thresholds: Thresholds): Cause[] {
  const named = new Set(findings.filter((f) => f.rule === "low-confidence").flatMap((f) => f.fields));
  const unsure = fieldsBelowThreshold(extraction, thresholds, "present").filter((u) => !named.has(u.field));
  if (unsure.length === 0) return [];
  const list = unsure.map((u) => `${u.label} (${String(Math.round(u.confidence * 100))} %)`).join(", ");
  return [{ taskType: "REVIEW_EXTRACTION", reason: `Below the confidence needed to post without a person: ${list}.` }];
}

function amountCauses(extraction: Extraction, thresholds: Thresholds): Cause[] {
  const { totalMinor, currency } = extraction.fields;
  const documentClass = extraction.documentClass.value;
  if (documentClass === null || !spendClasses.has(documentClass)) return [];
  const total = totalMinor.value;
  const code = currency.value;
  // Missing or unreadable amounts are the required-fields rule's finding; nothing to compare here.
  if (total === null || code === null || !isCurrencyCode(code) || total === 0) return [];
  if (total < 0) {
    return [
      {
        taskType: "APPROVE_SPEND",
        reason: `The total is negative (${formatMoney({ minor: total, currency: code })}): a credit note. A person confirms it before it is booked against what is owed.`,
      },
    ];
  }
  const limit = thresholds.autoPostMaxMinor[code];
  if (limit === undefined) {
    return [
      { taskType: "APPROVE_SPEND", reason: `No auto-post limit is set for ${code}, so ${code} spend needs approval.` },
    ];
  }
  if (total <= limit) return [];
  return [
    {
      taskType: "APPROVE_SPEND",
      reason: `The total ${formatMoney({ minor: total, currency: code })} is above the ${formatMoney({ minor: limit, currency: code })} that may post without approval.`,
    },
  ];
}
