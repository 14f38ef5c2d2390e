import { extractDeterministic } from "@/ai/deterministic/extract";
import { compare, type Check } from "@/ai/deterministic/fixtures/compare";
import type { Expected } from "@/ai/deterministic/fixtures/expected";
import type { ExtractedText } from "@/domain/documents/types";
import { assessRisk } from "@/domain/risk";
import { route, type TaskType } from "@/domain/routing";
import { checkRules, matchVendor, type VendorMaster } from "@/domain/rules";
import { defaultThresholds, type Thresholds } from "@/domain/thresholds";

/** The fields a posted payable is booked under: one of them wrong is a wrong posting. */
export const headerFields = ["vendorName", "documentNumber", "issueDate", "totalMinor", "currency"] as const;

export type StpOutcome = {
  file: string;
  /** Null when the document went straight to posting. */
  taskType: TaskType | null;
  /** Why a person is asked, first reason first; empty when it posts. */
  reasons: string[];
  /** Header fields (and the vendor matched on file) that differ from what the fixture expects. */
  wrong: Check[];
};

export type StpSummary = {
  documents: number;
  autoPosted: number;
  wrongAutoPosts: StpOutcome[];
  stpRate: number;
  errorRate: number;
};

const looseName = (name: string): string =>
  name
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s.,]+/gu, " ")
    .trim();

/**
 * The vendor master an AP team would have: every seller the fixtures name, with the tax id, currency and bank
 * details printed on its invoice. An assumption of the eval: it measures the documents that could post untouched,
 * and a seller nobody has on file never does (it asks for a new-vendor review).
 */
export function vendorMasterFrom(expected: readonly Expected[]): VendorMaster[] {
  const byName = new Map<string, VendorMaster>();
  for (const e of expected) {
    if (!e.vendorName) continue;
    const bank = {
      iban: e.iban ?? null,
      bic: e.bic ?? null,
      accountNumber: e.accountNumber ?? null,
      sortCode: e.sortCode ?? null,
    };
    const known = byName.get(looseName(e.vendorName));
    // Several fixtures may name one seller: the record holds what any of them prints.
    byName.set(looseName(e.vendorName), {
      id: known?.id ?? `fixture-vendor-${String(byName.size + 1)}`,
      name: known?.name ?? e.vendorName,
      aliases: [],
      taxId: known?.taxId ?? e.vendorTaxId ?? null,
      currency: known?.currency ?? e.currency ?? null,
      bankDetails: known?.bankDetails ?? (Object.values(bank).some((v) => v !== null) ? bank : null),
    });
  }
  return [...byName.values()];
}

/**
 * One invoice through the pipeline's decisions, offline: extraction with the vendor master as hints, the rules with
 * no earlier documents, purchase order or budget, the risk, and the route with the given (default) thresholds and
 * nobody having touched the document.
 */
export function routeOffline(
  text: ExtractedText,
  expected: Expected,
  vendors: readonly VendorMaster[],
  thresholds: Thresholds = defaultThresholds,
): StpOutcome {
  const extraction = extractDeterministic(text, {
    knownVendors: vendors.map((v) => ({ name: v.name, aliases: v.aliases, ...(v.taxId ? { taxId: v.taxId } : {}) })),
  });
  const vendor = matchVendor(extraction.fields, vendors);
  const findings = checkRules({
    documentId: expected.file,
    extraction,
    vendor,
    vendorDocuments: [],
    earlierDocuments: [],
    purchaseOrder: null,
    budget: null,
    thresholds,
  });
  const total = extraction.fields.totalMinor.value;
  const currency = extraction.fields.currency.value ?? vendor?.currency ?? null;
  const risk = assessRisk({
    extraction,
    findings,
    amount: total !== null && currency ? { minor: total, currency } : null,
    vendorHistory: {
      known: vendor !== null,
      vendorName: vendor?.name ?? extraction.fields.vendorName.value,
      priorDocuments: 0,
    },
    proposedActions: ["create_payable"],
    thresholds,
  });
  const routed = route({
    extraction,
    findings,
    risk,
    thresholds,
    people: { uploadedBy: "eval-operator", editors: [], approvals: [] },
  });
  return {
    file: expected.file,
    taskType: routed.kind === "auto_post" ? null : routed.taskType,
    reasons: routed.kind === "auto_post" ? [] : routed.reasons,
    wrong: wrongHeaderFields(compare(extraction, expected), expected, vendor),
  };
}

/** The header checks that failed, and the vendor on file when it is not the seller the fixture names. */
export function wrongHeaderFields(
  checks: readonly Check[],
  expected: Pick<Expected, "vendorName">,
  vendor: Pick<VendorMaster, "name"> | null,
): Check[] {
  const wrong = checks.filter((c) => (headerFields as readonly string[]).includes(c.field) && !c.ok);
  if (expected.vendorName && vendor && looseName(vendor.name) !== looseName(expected.vendorName)) {
    wrong.push({ field: "vendorOnFile", expected: expected.vendorName, actual: vendor.name, ok: false });
  }
  return wrong;
}

/** Straight-through rate and, among the documents posted untouched, the share posted with a wrong header field. */
export function summariseStp(outcomes: readonly StpOutcome[]): StpSummary {
  const posted = outcomes.filter((o) => o.taskType === null);
  const wrongAutoPosts = posted.filter((o) => o.wrong.length > 0);
  return {
    documents: outcomes.length,
    autoPosted: posted.length,
    wrongAutoPosts,
    stpRate: outcomes.length ? posted.length / outcomes.length : 0,
    errorRate: posted.length ? wrongAutoPosts.length / posted.length : 0,
  };
}
