import { describe, expect, it } from "vitest";
import { inboxSorts, listInboxTasks, type InboxSort } from "@/db/queries/inbox";
import { listDocuments } from "@/db/queries/documents";
import { encodeCursor, parseInboxParams } from "@/app/(app)/inbox/inbox-params";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();
const id = "6f1c2b1e-8a4b-4c39-9d7e-0a1b2c3d4e5f";
const crafted: Record<InboxSort, string> = {
  oldest: "yesterday-ish",
  newest: "2026-02-30 10:00:00+00",
  due: "9999-99-99 99:99:99+00",
  amount: "1e9",
};

describe("a crafted page link", () => {
  it.each(inboxSorts)(
    "in the inbox sorted by %s lists the first page with a sentence instead of failing the query",
    async (sort) => {
      const user = await makeUser({ role: "admin" });
      const { filter, after, problems } = parseInboxParams(
        { sort, after: encodeCursor({ key: crafted[sort], id }) },
        new Date(),
      );
      expect(problems).toEqual(["That page link is no longer valid; showing the first page."]);
      await expect(listInboxTasks(user, filter, { sort, after })).resolves.toMatchObject({
        items: expect.any(Array) as unknown,
      });
    },
  );

  it("in the documents list with an id that is not one is read as no cursor", async () => {
    const after = Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z", "not-a-uuid"])).toString("base64url");
    await expect(listDocuments({ after })).resolves.toMatchObject({ documents: expect.any(Array) as unknown });
  });
});
