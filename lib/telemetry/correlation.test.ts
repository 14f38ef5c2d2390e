import { describe, expect, it } from "vitest";
import { recordSpans } from "@/lib/telemetry/testing/record-spans";
import { correlationFromEvent, withCorrelation } from "@/lib/telemetry/correlation";
import { withSpan } from "@/lib/telemetry/span";

const exporter = recordSpans();

const attributesOf = (name: string) => exporter.getFinishedSpans().find((span) => span.name === name)?.attributes;

describe("correlation ids on spans", () => {
  it("stamps keel.document_id, keel.ticket_id and keel.task_id on every span started inside the context", async () => {
    await withCorrelation({ documentId: "doc-1", ticketId: "ticket-1", taskId: "task-1" }, () =>
      withSpan("outer", {}, () => withSpan("inner", {}, () => undefined)),
    );
    for (const name of ["outer", "inner"]) {
      expect(attributesOf(name)).toMatchObject({
        "keel.document_id": "doc-1",
        "keel.ticket_id": "ticket-1",
        "keel.task_id": "task-1",
      });
    }
  });

  it("writes an id learnt halfway on the spans already open around it, and on none already ended", async () => {
    await withSpan("request", {}, async () => {
      await withSpan("before", {}, () => undefined);
      await withSpan("create", {}, () => withCorrelation({ documentId: "doc-2" }, () => undefined));
    });
    expect(attributesOf("request")?.["keel.document_id"]).toBe("doc-2");
    expect(attributesOf("create")?.["keel.document_id"]).toBe("doc-2");
    expect(attributesOf("before")?.["keel.document_id"]).toBeUndefined();
  });

  it("keeps the id an open span already has when a derived document's id comes up inside it", async () => {
    await withCorrelation({ documentId: "parent" }, () =>
      withSpan("parent work", {}, () =>
        withCorrelation({ documentId: "child" }, () => withSpan("child work", {}, () => undefined)),
      ),
    );
    expect(attributesOf("parent work")?.["keel.document_id"]).toBe("parent");
    expect(attributesOf("child work")?.["keel.document_id"]).toBe("child");
  });

  it("marks a span whose work threw as an error and throws on", async () => {
    await expect(
      withSpan("fails", {}, () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const span = exporter.getFinishedSpans().find((s) => s.name === "fails");
    expect(span?.status).toMatchObject({ code: 2, message: "boom" });
    expect(span?.events.map((e) => e.name)).toEqual(["exception"]);
  });
});

describe("correlationFromEvent", () => {
  it("reads the ids in an event's data", () => {
    expect(
      correlationFromEvent({ name: "keel/task.resolved", data: { documentId: "d", taskId: "t", action: "x" } }),
    ).toEqual({
      documentId: "d",
      taskId: "t",
    });
  });

  it("reads a failure event's ids from the event that failed", () => {
    expect(
      correlationFromEvent({ name: "inngest/function.failed", data: { event: { data: { documentId: "d" } } } }),
    ).toEqual({
      documentId: "d",
    });
  });

  it("takes nothing from an event without ids, or with ids that are not strings", () => {
    expect(correlationFromEvent({ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } })).toEqual({});
    expect(correlationFromEvent({ data: { documentId: 42, ticketId: "" } })).toEqual({});
    expect(correlationFromEvent(undefined)).toEqual({});
  });
});
