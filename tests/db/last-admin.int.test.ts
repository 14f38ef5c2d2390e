import { expect, it } from "vitest";
import { updateUser } from "@/db/queries/users";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();
const actor = { id: null, label: "test" };
const demote = { role: "operator", approvalLimitMinor: 0, approvalCurrency: "EUR" } as const;

it("never demotes the last admin, even when two demotions race", async () => {
  const first = await makeUser({ role: "admin" });
  const second = await makeUser({ role: "admin" });
  const results = await Promise.all([updateUser(first.id, demote, actor), updateUser(second.id, demote, actor)]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "last_admin" }]);
});
