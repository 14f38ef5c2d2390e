import { describe, expect, it } from "vitest";
import { getDocumentById } from "@/db/queries/documents";
import { markFailedStep } from "@/services/documents/lifecycle";
import { storeCsv } from "../factories/documents";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();
const actor = { id: null, label: "test" };

const makeDocument = () => storeCsv(`PO Number,Vendor\nPO-${Math.random().toString(36).slice(2)},ACME\n`, actor);

describe("the message a failed document shows", () => {
  it("is a sentence with a reference, not the error, when retries ran out on something unexpected", async () => {
    const document = await makeDocument();
    await markFailedStep(document.id, { name: "RangeError", message: "Maximum call stack size exceeded" }, "run-1");
    const failed = await getDocumentById(document.id);
    expect(failed).toMatchObject({ status: "failed", errorClass: "exhausted_retries" });
    expect(failed?.errorMessage).toMatch(/^Something went wrong on our side \(reference [0-9A-Z]{26}\)\./);
    expect(failed?.errorMessage).not.toContain("Maximum call stack");
  });

  it("keeps the sentence Keel wrote when the failure was one a retry cannot fix", async () => {
    const document = await makeDocument();
    const sentence = "The PDF is encrypted. Remove the password and upload it again.";
    await markFailedStep(document.id, { name: "NonRetriableError", message: sentence }, "run-2");
    expect(await getDocumentById(document.id)).toMatchObject({
      status: "failed",
      errorClass: "permanent",
      errorMessage: sentence,
    });
  });
});
