import { describe, expect, it } from "vitest";
import type { Finding } from "./documents/types";
import { assessRisk, type RiskAssessment } from "./risk";
import type { PeopleFacts } from "./posting-authority";
import {
  route,
  routedTaskTypes,
  taskPrecedence,
  taskTypeByRule,
  taskTypes,
  type Route,
  type RouteInput,
  type RoutedTaskType,
} from "./routing";
import { checkRules } from "./rules";
import { ruleIds } from "./rules/rule-ids";
import { bankDetails, makeContext, makeExtraction, makePriorDocument } from "./rules/test-factory";
import { defaultThresholds, resolveThresholds } from "./thresholds";

const lowRisk: RiskAssessment = { score: 0, level: "low", reasons: [], reversible: true };
const go = (input: Partial<RouteInput> = {}): Route =>
  route({ extraction: makeExtraction(), findings: [], risk: lowRisk, thresholds: defaultThresholds, ...input });
const input = (extra: Partial<RouteInput> = {}): RouteInput => ({
  extraction: makeExtraction(),
  findings: [],
  risk: lowRisk,
  thresholds: defaultThresholds,
  ...extra,
});
const taskOf = (r: Route) => (r.kind === "task" ? r.taskType : r.kind);
const finding = (rule: string, severity: Finding["severity"] = "warning"): Finding => ({
  rule,
  severity,
  message: `${rule} fired`,
  fields: [],
});

/** A finding whose rule asks for each task type, for precedence tests. */
const causeOf: Record<RoutedTaskType, Partial<RouteInput>> = {
  CONFIRM_BANK_CHANGE: { findings: [finding("bank-details-changed", "error")] },
  CONFIRM_DUPLICATE: { findings: [finding("duplicate-invoice-number", "error")] },
  REVIEW_EXTRACTION: { findings: [finding("total-mismatch", "error")] },
  HIGH_RISK_ACTION: { risk: { score: 70, level: "high", reasons: ["Big (+70)"], reversible: true } },
  CONFIRM_PRICE_CHANGE: { findings: [finding("price-jump")] },
  APPROVE_SPEND: { findings: [finding("over-budget")] },
  CONFIRM_NEW_VENDOR: { findings: [finding("unknown-vendor")] },
};

describe("route: auto-post", () => {
  it("auto-posts a sure, clean, low-risk, reversible document", () => {
    expect(go()).toEqual({ kind: "auto_post" });
  });

  it("auto-posts despite info findings", () => {
    expect(go({ findings: [finding("po-total-mismatch", "info")] })).toEqual({ kind: "auto_post" });
  });

  it("does not auto-post when any field with a value is below its threshold, required or not", () => {
    const r = go({ extraction: makeExtraction({ paymentTerms: "Net 30", confidenceOf: { paymentTerms: 0.5 } }) });
    expect(r).toEqual({
      kind: "task",
      taskType: "REVIEW_EXTRACTION",
      reasons: ["Below the confidence needed to post without a person: payment terms (50 %)."],
      deadlineHours: 24,
    });
  });

  it("does not repeat fields the low-confidence finding already names", () => {
    const extraction = makeExtraction({ paymentTerms: "Net 30", confidenceOf: { paymentTerms: 0.5, totalMinor: 0.5 } });
    const findings = checkRules(makeContext({ extraction }));
    const r = go({ extraction, findings });
    expect(r).toMatchObject({ taskType: "REVIEW_EXTRACTION" });
    expect(r.kind === "task" && r.reasons).toEqual([
      "Check these fields against the document; Keel is unsure of them: total (50 %, needs 95 %).",
      "Below the confidence needed to post without a person: payment terms (50 %).",
    ]);
  });

  it("does not auto-post at medium risk: spend approval for invoices, a high-risk task otherwise", () => {
    const medium: RiskAssessment = {
      score: 35,
      level: "medium",
      reasons: ["New vendor (+20)", "€5,000.00 is a medium amount (+15)"],
      reversible: true,
    };
    expect(go({ risk: medium })).toMatchObject({
      taskType: "APPROVE_SPEND",
      reasons: ["Risk is medium: 35 of 100.", "New vendor (+20)", "€5,000.00 is a medium amount (+15)"],
    });
    expect(taskOf(go({ risk: medium, extraction: makeExtraction({ documentClass: "quote" }) }))).toBe(
      "HIGH_RISK_ACTION",
    );
  });

  it("does not auto-post an irreversible action, even at low risk", () => {
    expect(go({ risk: { ...lowRisk, reversible: false } })).toMatchObject({
      taskType: "HIGH_RISK_ACTION",
      reasons: ["The proposed action cannot be undone, so a person decides."],
    });
  });

  it("sends high risk to HIGH_RISK_ACTION with the risk reasons", () => {
    expect(go(causeOf.HIGH_RISK_ACTION)).toMatchObject({
      taskType: "HIGH_RISK_ACTION",
      reasons: ["Risk is high: 70 of 100.", "Big (+70)"],
    });
  });
});

describe("route: amount policy", () => {
  it("auto-posts up to the limit and asks for approval above it", () => {
    const at = makeExtraction({ lines: [{ quantity: 1, unitPriceMinor: 500_000 }], taxMinor: 0 });
    expect(go({ extraction: at })).toEqual({ kind: "auto_post" });
    const above = makeExtraction({ lines: [{ quantity: 1, unitPriceMinor: 500_001 }], taxMinor: 0 });
    expect(go({ extraction: above })).toMatchObject({
      taskType: "APPROVE_SPEND",
      reasons: ["The total €5,000.01 is above the €5,000.00 that may post without approval."],
      deadlineHours: 48,
    });
  });

  it("asks for approval in a currency without a limit", () => {
    const yen = makeExtraction({ currency: "JPY", lines: [{ quantity: 1, unitPriceMinor: 100 }], taxMinor: 0 });
    expect(go({ extraction: yen })).toMatchObject({
      taskType: "APPROVE_SPEND",
      reasons: ["No auto-post limit is set for JPY, so JPY spend needs approval."],
    });
    expect(go({ extraction: yen, thresholds: resolveThresholds({ autoPostMaxMinor: { JPY: 100 } }) })).toEqual({
      kind: "auto_post",
    });
  });

  it("asks a person to confirm a credit note, however small, and auto-posts a quote that spends nothing", () => {
    const credit = makeExtraction({ lines: [{ quantity: -1, unitPriceMinor: 1_000 }], taxMinor: 0 });
    expect(go({ extraction: credit })).toMatchObject({
      taskType: "APPROVE_SPEND",
      reasons: [
        "The total is negative (-€10.00): a credit note. A person confirms it before it is booked against what is owed.",
      ],
    });
    const quote = makeExtraction({
      documentClass: "quote",
      lines: [{ quantity: 1, unitPriceMinor: 9_000_000 }],
      taxMinor: 0,
    });
    expect(go({ extraction: quote })).toEqual({ kind: "auto_post" });
  });
});

describe("route: document classes", () => {
  it("always asks to confirm a bank detail change and a price change", () => {
    expect(
      taskOf(
        go({
          extraction: makeExtraction({
            documentClass: "bank_detail_change",
            bankDetails: bankDetails({ iban: "GB29NWBK60161331926819" }),
          }),
        }),
      ),
    ).toBe("CONFIRM_BANK_CHANGE");
    expect(taskOf(go({ extraction: makeExtraction({ documentClass: "price_change" }) }))).toBe("CONFIRM_PRICE_CHANGE");
  });

  it("asks a person what an unclassified or other document is", () => {
    expect(taskOf(go({ extraction: makeExtraction({ documentClass: "other" }) }))).toBe("REVIEW_EXTRACTION");
    expect(taskOf(go({ extraction: makeExtraction({ documentClass: null }) }))).toBe("REVIEW_EXTRACTION");
  });
});

describe("route: rule → task", () => {
  it.each(ruleIds.map((rule) => [rule, taskTypeByRule[rule]] as const))("%s asks for %s", (rule, taskType) => {
    expect(taskOf(go({ findings: [finding(rule)] }))).toBe(taskType);
  });

  it("sends data and ambiguity to review, and policy to the matching approval", () => {
    expect(taskTypeByRule["total-mismatch"]).toBe("REVIEW_EXTRACTION"); // data
    expect(taskTypeByRule["low-confidence"]).toBe("REVIEW_EXTRACTION"); // ambiguous
    expect(taskTypeByRule["unknown-vendor"]).toBe("CONFIRM_NEW_VENDOR"); // policy
    expect(taskTypeByRule["over-budget"]).toBe("APPROVE_SPEND"); // policy
    expect(taskTypeByRule["bank-details-changed"]).toBe("CONFIRM_BANK_CHANGE"); // policy
  });

  it("sends a rule it does not know to review", () => {
    expect(taskOf(go({ findings: [finding("rule-from-the-future", "error")] }))).toBe("REVIEW_EXTRACTION");
  });

  it("takes the deadline from the thresholds", () => {
    const thresholds = resolveThresholds({ deadlineHours: { CONFIRM_DUPLICATE: 3 } });
    expect(go({ ...causeOf.CONFIRM_DUPLICATE, thresholds })).toMatchObject({
      taskType: "CONFIRM_DUPLICATE",
      deadlineHours: 3,
    });
  });
});

describe("route: precedence", () => {
  const pairs = taskPrecedence.flatMap((higher, i) =>
    taskPrecedence.slice(i + 1).map((lower) => [higher, lower] as const),
  );

  it.each(pairs)("%s wins over %s", (higher, lower) => {
    const a = causeOf[higher];
    const b = causeOf[lower];
    const r = go({ findings: [...(b.findings ?? []), ...(a.findings ?? [])], risk: a.risk ?? b.risk ?? lowRisk });
    expect(taskOf(r)).toBe(higher);
  });

  it("holds every routed task type, so no type is ever silently skipped", () => {
    expect([...taskPrecedence].sort()).toEqual([...routedTaskTypes].sort());
  });

  it("never chooses a QA review, which only samples documents after they posted", () => {
    expect(taskPrecedence).not.toContain("QA_REVIEW");
    expect(taskTypes).toContain("QA_REVIEW");
  });

  it("lists the chosen task's reasons first, then every other cause once", () => {
    const r = go({
      findings: [
        finding("over-budget"),
        finding("price-jump"),
        finding("duplicate-invoice-number", "error"),
        finding("over-budget"),
      ],
    });
    expect(r).toEqual({
      kind: "task",
      taskType: "CONFIRM_DUPLICATE",
      reasons: ["duplicate-invoice-number fired", "over-budget fired", "price-jump fired"],
      deadlineHours: 24,
    });
  });

  it("puts a bank change ahead of a duplicate of it", () => {
    const extraction = makeExtraction({
      documentClass: "bank_detail_change",
      bankDetails: bankDetails({ iban: "GB94BARC10201530093459" }),
    });
    expect(taskOf(go({ extraction, ...causeOf.CONFIRM_DUPLICATE }))).toBe("CONFIRM_BANK_CHANGE");
  });
});

describe("route: after a person approved", () => {
  it("moves on to the next decision once the first is approved", () => {
    const both = input({ findings: [finding("total-mismatch", "error"), finding("over-budget")] });
    expect(taskOf(route(both))).toBe("REVIEW_EXTRACTION");
    const next = route(both, ["REVIEW_EXTRACTION"]);
    expect(next).toEqual({
      kind: "task",
      taskType: "APPROVE_SPEND",
      reasons: ["over-budget fired"],
      deadlineHours: defaultThresholds.deadlineHours.APPROVE_SPEND,
    });
    expect(route(both, ["REVIEW_EXTRACTION", "APPROVE_SPEND"])).toEqual({ kind: "auto_post" });
  });

  it("does not ask again for medium risk or an irreversible action a person has already seen", () => {
    const medium = input({ risk: { score: 40, level: "medium", reasons: [], reversible: false } });
    expect(taskOf(route(medium))).toBe("APPROVE_SPEND");
    expect(route(medium, ["APPROVE_SPEND"])).toEqual({ kind: "auto_post" });
    expect(route(input({ risk: { ...lowRisk, reversible: false } }), ["REVIEW_EXTRACTION"])).toEqual({
      kind: "auto_post",
    });
  });

  it("still asks for high risk after a review of the fields", () => {
    expect(taskOf(route(input(causeOf.HIGH_RISK_ACTION), ["REVIEW_EXTRACTION"]))).toBe("HIGH_RISK_ACTION");
  });
});

describe("rules → risk → route", () => {
  const run = (
    context: ReturnType<typeof makeContext>,
    proposedActions: Parameters<typeof assessRisk>[0]["proposedActions"] = ["create_payable"],
  ) => {
    const findings = checkRules(context);
    const total = context.extraction.fields.totalMinor.value;
    const currency = context.extraction.fields.currency.value;
    const risk = assessRisk({
      extraction: context.extraction,
      findings,
      amount: total === null || currency === null ? null : { minor: total, currency },
      vendorHistory: {
        known: context.vendor !== null,
        vendorName: context.vendor?.name ?? null,
        priorDocuments: context.vendorDocuments.length,
      },
      proposedActions,
    });
    return route({ extraction: context.extraction, findings, risk, thresholds: context.thresholds });
  };

  it("auto-posts a clean invoice from a regular vendor", () => {
    expect(
      run(makeContext({ vendorDocuments: [makePriorDocument({ totalMinor: 1, issueDate: "2026-01-01" })] })),
    ).toEqual({ kind: "auto_post" });
  });

  it("sends an invoice that redirects payment to confirm the bank change, at high risk", () => {
    const extraction = makeExtraction({ bankDetails: bankDetails({ iban: "GB94BARC10201530093459" }) });
    const r = run(makeContext({ extraction, vendorDocuments: [makePriorDocument()] }), ["create_payable", "pay"]);
    expect(r).toMatchObject({ kind: "task", taskType: "CONFIRM_BANK_CHANGE", deadlineHours: 72 });
    expect(r.kind === "task" && r.reasons.slice(1)).toEqual([
      "Risk is high: 95 of 100.",
      "Cannot be undone: paying (+25)",
    ]);
  });

  it("sends an invoice from an unknown vendor to one new-vendor review", () => {
    expect(taskOf(run(makeContext({ vendor: null })))).toBe("CONFIRM_NEW_VENDOR");
  });

  it("asks an unknown vendor printing its bank details for a new-vendor review, never a bank change", () => {
    const extraction = makeExtraction({ bankDetails: bankDetails({ iban: "GB94BARC10201530093459" }) });
    const r = run(makeContext({ vendor: null, extraction }));
    expect(r).toMatchObject({ kind: "task", taskType: "CONFIRM_NEW_VENDOR" });
    expect(r.kind === "task" && r.reasons.join(" ")).not.toMatch(/bank|pays|payment to/i);
  });

  it("still asks a known vendor whose bank details differ from the master to confirm the change", () => {
    const extraction = makeExtraction({ bankDetails: bankDetails({ iban: "GB94BARC10201530093459" }) });
    expect(taskOf(run(makeContext({ extraction, vendorDocuments: [makePriorDocument()] })))).toBe(
      "CONFIRM_BANK_CHANGE",
    );
  });
});

describe("route: no single person moves money", () => {
  const people = (extra: Partial<PeopleFacts> = {}): PeopleFacts => ({
    uploadedBy: "uploader",
    editors: [],
    approvals: [],
    ...extra,
  });

  it("auto-posts a clean machine route under the limit with nobody involved", () => {
    expect(go({ people: people() })).toEqual({ kind: "auto_post" });
  });

  it("asks for spend approval once a person corrected an invoice's fields, even under the limit", () => {
    const edited = people({
      editors: ["operator"],
      approvals: [{ taskType: "REVIEW_EXTRACTION", approvers: ["operator"] }],
    });
    expect(route({ ...input(), people: edited }, ["REVIEW_EXTRACTION"])).toEqual({
      kind: "task",
      taskType: "APPROVE_SPEND",
      reasons: [
        "A person corrected the fields, so someone other than the uploader and whoever corrected them approves the spend.",
      ],
      deadlineHours: defaultThresholds.deadlineHours.APPROVE_SPEND,
    });
  });

  it("posts a corrected invoice once someone independent approved its spend", () => {
    const approved = people({
      editors: ["operator"],
      approvals: [{ taskType: "APPROVE_SPEND", approvers: ["approver"] }],
    });
    expect(route({ ...input(), people: approved }, ["REVIEW_EXTRACTION", "APPROVE_SPEND"])).toEqual({
      kind: "auto_post",
    });
  });

  it("sends an invoice to an admin when its spend approval came from whoever corrected it", () => {
    const self = people({ editors: ["approver"], approvals: [{ taskType: "APPROVE_SPEND", approvers: ["approver"] }] });
    expect(taskOf(route({ ...input(), people: self }, ["APPROVE_SPEND"]))).toBe("HIGH_RISK_ACTION");
  });

  it("asks for the first payment's approval after a vendor was created from the invoice", () => {
    const created = people({ approvals: [{ taskType: "CONFIRM_NEW_VENDOR", approvers: ["approver"] }] });
    expect(route({ ...input(), people: created }, ["CONFIRM_NEW_VENDOR"])).toMatchObject({
      taskType: "APPROVE_SPEND",
      reasons: [
        "The vendor was created from this document, so someone other than the uploader approves its first payment.",
      ],
    });
  });

  it("lets a corrected quote, which commits no money, post after the review", () => {
    const quote = makeExtraction({ documentClass: "quote" });
    expect(
      route({ ...input(), extraction: quote, people: people({ editors: ["operator"] }) }, ["REVIEW_EXTRACTION"]),
    ).toEqual({ kind: "auto_post" });
  });
});
