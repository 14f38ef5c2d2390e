import { NonRetriableError } from "inngest";
import { documentTimeline } from "@/domain/timeline";
import {
  getDocumentText,
  getLatestExtraction,
  recordDocumentEvent,
  saveChecks,
  setDocumentStatus,
} from "@/db/queries/documents";
import { findPurchaseOrder, listPriorDocuments, listVendorMasters, setDocumentVendor } from "@/db/queries/rule-context";
import { getVendorById } from "@/db/queries/vendors";
import { loadEarlierDocuments } from "./earlier-documents";
import { extractFieldsStep } from "./extract-fields";
import { getPeopleFacts } from "@/db/queries/posting-authority";
import type { DocumentClass, Finding } from "@/domain/documents/types";
import { assessRisk, type ProposedAction, type RiskAssessment } from "@/domain/risk";
import { route as routeDocument, taskTypeByRule, type Route, type TaskType } from "@/domain/routing";
import { isRuleId } from "@/domain/rules/rule-ids";
import { checkRules, matchVendor } from "@/domain/rules";
import { defaultThresholds } from "@/domain/thresholds";
import { withQueries } from "@/lib/telemetry/queries";
import { announceDocument } from "@/services/realtime/announce";

export type CheckSummary = { route: Route; risk: RiskAssessment; findings: Finding[]; vendorId: string | null };

/** What posting a document of each class would do; the risk of the irreversible ones needs a person. */
export function proposedActionsFor(
  documentClass: DocumentClass | null,
  vendorEmail: string | null = null,
): ProposedAction[] {
  switch (documentClass) {
    case "invoice":
      return ["create_payable"];
    case "purchase_order":
      // Sending the order to the vendor cannot be called back: with an address on file it is part of posting.
      return vendorEmail ? ["create_purchase_order", "email_vendor"] : ["create_purchase_order"];
    case "quote":
      return ["record_quote"];
    case "price_change":
      return ["update_price_list"];
    case "bank_detail_change":
      return ["change_bank_details"];
    default:
      return [];
  }
}

/**
 * Step: the document's fields (`extractFieldsStep`), then its rules, risk and route. One durable boundary for
 * both: an extraction is stored once (`saveFirstExtraction` keeps the first) and a retry finds and reuses it, while
 * the deterministic extractor it may run reads only the stored text and the vendors, so repeating it is pure. The
 * rules rewrite their own results and deduplicate their timeline line, as they did as a step of their own.
 */
export async function extractAndCheckStep(documentId: string, lanesGaveWay = 0): Promise<CheckSummary> {
  await extractFieldsStep(documentId, lanesGaveWay);
  return checkDocumentStep(documentId);
}

/**
 * Step of each later round, and the second half of `extractAndCheckStep`: deterministic rules, risk and the route, all from data loaded here; stored on the extraction. `decided`
 * are the task types people already approved in this run: the route then names the next decision, if any.
 */
export async function checkDocumentStep(documentId: string, decided: TaskType[] = []): Promise<CheckSummary> {
  const row = await getLatestExtraction(documentId);
  if (!row) throw new NonRetriableError(`Document ${documentId} has no extraction to check.`);
  const { extraction } = row;
  const thresholds = defaultThresholds;
  // The whole text lets a known vendor's tax id or IBAN match even where the extractor misread the name.
  const stored = await getDocumentText(documentId);
  const text = stored?.pages.map((p) => p.text).join("\n");
  const vendor = matchVendor(extraction.fields, await listVendorMasters(), text);
  await setDocumentVendor(documentId, vendor?.id ?? null);
  const vendorDocuments = vendor ? await listPriorDocuments(vendor.id, documentId) : [];
  const earlierDocuments = await loadEarlierDocuments(documentId, extraction, vendor, stored);
  const poNumber = extraction.fields.poNumber.value;
  const purchaseOrder =
    poNumber && extraction.documentClass.value === "invoice" ? await findPurchaseOrder(poNumber) : null;

  const findings = checkRules({
    documentId,
    extraction,
    vendor,
    vendorDocuments,
    earlierDocuments,
    purchaseOrder,
    budget: null,
    thresholds,
  });
  const total = extraction.fields.totalMinor.value;
  const currency = extraction.fields.currency.value ?? vendor?.currency ?? null;
  // What people have already decided no longer adds to the risk: a confirmed bank change is not a risk twice.
  const undecided = findings.filter(
    (f) => !decided.includes(isRuleId(f.rule) ? taskTypeByRule[f.rule] : "REVIEW_EXTRACTION"),
  );
  const risk = assessRisk({
    extraction,
    findings: undecided,
    amount: total !== null && currency ? { minor: total, currency } : null,
    vendorHistory: {
      known: vendor !== null,
      vendorName: vendor?.name ?? extraction.fields.vendorName.value,
      priorDocuments: vendorDocuments.length,
    },
    proposedActions: proposedActionsFor(
      extraction.documentClass.value,
      vendor ? ((await getVendorById(vendor.id))?.email ?? null) : null,
    ),
    thresholds,
  });
  const route = routeDocument(
    { extraction, findings, risk, thresholds, people: await getPeopleFacts(documentId) },
    decided,
  );

  await withQueries("save-checks", () => saveChecks(row.id, findings, risk));
  await setDocumentStatus(documentId, route.kind === "auto_post" ? "approved" : "needs_review", {
    riskScore: risk.score,
    riskLevel: risk.level,
    route,
  });
  await recordDocumentEvent({
    documentId,
    kind: "step",
    label: documentTimeline.checked(route, risk, decided.length),
    data: { findings: findings.map((f) => f.rule), risk },
    dedupeKey: `check:${row.id}:${decided.join(",")}`,
  });
  await announceDocument(documentId);
  return { route, risk, findings, vendorId: vendor?.id ?? null };
}
