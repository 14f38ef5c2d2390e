import { describe, expect, it } from "vitest";
import { independentApprover, mayPost, type PostingFacts } from "./posting-authority";
import { defaultThresholds } from "./thresholds";

const facts = (extra: Partial<PostingFacts> = {}): PostingFacts => ({
  documentClass: "invoice",
  vendorOnFile: true,
  amount: { minor: 12_000, currency: "EUR" },
  thresholds: defaultThresholds,
  uploadedBy: "uploader",
  editors: [],
  approvals: [],
  ...extra,
});

describe("mayPost", () => {
  it("lets a clean machine route under the auto-post limit post", () => {
    expect(mayPost(facts())).toEqual({ allowed: true, basis: "machine" });
  });

  it("refuses an invoice a person corrected when nobody independent approved it", () => {
    const answer = mayPost(
      facts({ editors: ["operator"], approvals: [{ taskType: "REVIEW_EXTRACTION", approvers: ["operator"] }] }),
    );
    expect(answer).toEqual({
      allowed: false,
      reason:
        "Not posted: nobody independent approved it. A person corrected the fields, so someone other than the uploader and whoever corrected them approves the spend.",
    });
  });

  it("refuses a spend approval given by the uploader or by whoever corrected the fields", () => {
    expect(
      mayPost(facts({ editors: ["editor"], approvals: [{ taskType: "APPROVE_SPEND", approvers: ["editor"] }] }))
        .allowed,
    ).toBe(false);
    expect(
      mayPost(facts({ editors: ["editor"], approvals: [{ taskType: "APPROVE_SPEND", approvers: ["uploader"] }] }))
        .allowed,
    ).toBe(false);
  });

  it("lets a corrected invoice post once someone else approved its spend", () => {
    const answer = mayPost(
      facts({ editors: ["editor"], approvals: [{ taskType: "APPROVE_SPEND", approvers: ["editor", "approver"] }] }),
    );
    expect(answer).toEqual({ allowed: true, basis: "approval" });
  });

  it("does not count approving the fields, a price or a bank change as approving the spend", () => {
    const approvals = (
      ["REVIEW_EXTRACTION", "CONFIRM_PRICE_CHANGE", "CONFIRM_BANK_CHANGE", "CONFIRM_DUPLICATE"] as const
    ).map((taskType) => ({ taskType, approvers: ["admin"] }));
    expect(independentApprover({ uploadedBy: "uploader", editors: [], approvals })).toBeNull();
    expect(
      independentApprover({
        uploadedBy: "uploader",
        editors: [],
        approvals: [{ taskType: "HIGH_RISK_ACTION", approvers: ["admin"] }],
      }),
    ).toBe("admin");
  });

  it("refuses an invoice above the auto-post limit that nobody approved", () => {
    expect(mayPost(facts({ amount: { minor: 900_000, currency: "EUR" } }))).toEqual({
      allowed: false,
      reason: "Not posted: €9,000.00 is above what may post without approval, and nobody independent approved it.",
    });
    expect(mayPost(facts({ amount: { minor: 1, currency: "JPY" } })).allowed).toBe(false);
    expect(mayPost(facts({ amount: null })).allowed).toBe(false);
  });

  it("refuses an invoice whose reading a person confirmed until someone independent approves the spend", () => {
    for (const taskType of ["REVIEW_EXTRACTION", "CONFIRM_DUPLICATE"] as const) {
      const answer = mayPost(facts({ approvals: [{ taskType, approvers: ["uploader"] }] }));
      expect(answer).toMatchObject({
        allowed: false,
        reason: expect.stringContaining("A person decided what the machine could not") as unknown,
      });
      expect(
        mayPost(
          facts({
            approvals: [
              { taskType, approvers: ["uploader"] },
              { taskType: "APPROVE_SPEND", approvers: ["approver"] },
            ],
          }),
        ).allowed,
      ).toBe(true);
    }
  });

  it("refuses an invoice no vendor on file is linked to, however it was approved", () => {
    const answer = mayPost(
      facts({ vendorOnFile: false, approvals: [{ taskType: "APPROVE_SPEND", approvers: ["approver"] }] }),
    );
    expect(answer).toEqual({
      allowed: false,
      reason:
        "Not posted: no vendor on file is linked to this invoice. An approver or admin sets the vendor up from the document first.",
    });
    expect(mayPost(facts({ documentClass: "purchase_order", vendorOnFile: false })).allowed).toBe(true);
  });

  it("refuses the first payment to a vendor created from the invoice until someone else approves it", () => {
    const created = [{ taskType: "CONFIRM_NEW_VENDOR" as const, approvers: ["approver"] }];
    expect(mayPost(facts({ approvals: created })).allowed).toBe(false);
    expect(
      mayPost(facts({ approvals: [...created, { taskType: "APPROVE_SPEND", approvers: ["approver"] }] })).allowed,
    ).toBe(true);
  });

  it("does not hold back documents that are not payables", () => {
    expect(mayPost(facts({ documentClass: "quote", editors: ["operator"], amount: null }))).toEqual({
      allowed: true,
      basis: "not_payable",
    });
  });
});
