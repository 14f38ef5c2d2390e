import { describe, expect, it } from "vitest";
import { handleAction } from "@/lib/actions";
import { AppError } from "@/lib/errors";
import { recordSpans } from "@/lib/telemetry/testing/record-spans";
import { withCorrelation } from "@/lib/telemetry/correlation";

const exporter = recordSpans();

const actionSpan = () => {
  const spans = exporter.getFinishedSpans().filter((span) => span.name === "server action");
  expect(spans).toHaveLength(1);
  return spans[0];
};

describe("a server action's span", () => {
  it("is recorded for an action that succeeds, under the document it acts on", async () => {
    await withCorrelation({ documentId: "doc-1" }, () => handleAction(() => Promise.resolve("done")));
    expect(actionSpan()?.status.code).toBe(0);
    expect(actionSpan()?.attributes["keel.document_id"]).toBe("doc-1");
  });

  it("is no error when the action refuses the person (an AppError is an answer)", async () => {
    const result = await handleAction(() => Promise.reject(new AppError("forbidden:documents:upload")));
    expect(result).toMatchObject({ ok: false });
    expect(actionSpan()?.status.code).toBe(0);
  });

  it("is an error, with the exception, when the action hits a bug the person only sees a reference for", async () => {
    const result = await handleAction(() => Promise.reject(new Error("column does not exist")));
    expect(result).toMatchObject({ ok: false, code: "internal" });
    expect(actionSpan()?.status).toMatchObject({ code: 2, message: "column does not exist" });
    expect(actionSpan()?.events.map((event) => event.name)).toEqual(["exception"]);
  });
});
