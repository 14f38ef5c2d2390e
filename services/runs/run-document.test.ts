import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runDocumentId } from "./run-document";

describe("the document a run works on", () => {
  const id = randomUUID();

  it("is the received document's id, or the one inside the event a failure handler got", () => {
    expect(runDocumentId({ documentId: id })).toBe(id);
    expect(
      runDocumentId({
        function_id: "keel-process-document",
        event: { name: "keel/document.received", data: { documentId: id } },
      }),
    ).toBe(id);
    expect(runDocumentId({ documentId: id.toUpperCase() })).toBe(id);
  });

  it("is none for anything that is not an id, or for events about no document", () => {
    expect(runDocumentId({ documentId: "'; drop table documents; --" })).toBeNull();
    expect(runDocumentId({ documentId: 42 })).toBeNull();
    expect(runDocumentId({ event: "keel/document.received" })).toBeNull();
    expect(runDocumentId({ event: null })).toBeNull();
    expect(runDocumentId({})).toBeNull();
  });
});
