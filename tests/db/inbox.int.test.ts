import { describe, expect, it } from "vitest";
import {
  countInboxTasks,
  inboxSorts,
  listInboxTasks,
  type InboxCursor,
  type InboxFilter,
  type InboxScope,
  type InboxSort,
} from "@/db/queries/inbox";
import { createVendor } from "@/db/queries/vendors";
import type { Task } from "@/db/schema";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const open: InboxFilter = { view: "queue", status: "open" };

/** Every page of a listing, following the cursors, with how many pages it took. */
async function allPages(user: InboxScope, filter: InboxFilter, sort: InboxSort, limit: number) {
  const ids: string[] = [];
  let after: InboxCursor | undefined;
  let pages = 0;
  for (;;) {
    const page = await listInboxTasks(user, filter, { sort, after, limit });
    pages++;
    ids.push(...page.items.map((t) => t.id));
    if (!page.next) return { ids, pages };
    after = page.next;
  }
}

const byOrder: Record<InboxSort, (a: Task, b: Task) => number> = {
  oldest: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
  due: (a, b) => a.deadlineAt.getTime() - b.deadlineAt.getTime() || a.id.localeCompare(b.id),
  amount: (a, b) => (b.amountMinor ?? -1) - (a.amountMinor ?? -1) || b.id.localeCompare(a.id),
};

describe("the inbox query", () => {
  it("pages through every sort with keyset cursors: each task once, in order, ties on the same microsecond included", async () => {
    const approver = await makeUser({ role: "approver" });
    const base = Date.now() - 10 * 86_400_000;
    const same = new Date(base + 5_000);
    const made: Task[] = [];
    for (let i = 0; i < 23; i++) {
      made.push(
        await makeTask({
          assignedRole: "approver",
          // Several tasks share a timestamp, a deadline or an amount, and some have no amount: the id breaks ties.
          createdAt: i % 4 === 0 ? same : new Date(base + i * 60_000 + 123),
          deadlineAt: new Date(base + 86_400_000 + (i % 5) * 3_600_000),
          amountMinor: i % 6 === 0 ? null : (i % 7) * 10_000,
        }),
      );
    }
    await makeTask({ assignedRole: "operator" });
    await makeTask({ assignedRole: "approver", status: "resolved" });
    const scope = { id: approver.id, role: approver.role };
    for (const sort of inboxSorts) {
      const { ids, pages } = await allPages(scope, open, sort, 5);
      expect(ids, sort).toEqual([...made].sort(byOrder[sort]).map((t) => t.id));
      expect(pages).toBe(5);
    }
  });

  it("filters by type, vendor, age, amount and holder, and counts what it filters", async () => {
    const approver = await makeUser({ role: "approver" });
    const scope = { id: approver.id, role: approver.role };
    const created = await createVendor(
      { name: `Filter Vendor ${approver.id.slice(0, 6)}`, currency: "EUR" },
      { id: null, label: "test" },
    );
    if (!created.ok) throw new Error("vendor");
    const vendorId = created.vendor.id;
    const old = await makeTask({ vendorId, createdAt: new Date(Date.now() - 3 * 86_400_000), amountMinor: 900_000 });
    const usd = await makeTask({ vendorId, currency: "USD", amountMinor: 900_000 });
    const review = await makeTask({ vendorId, type: "REVIEW_EXTRACTION", amountMinor: 50_000 });
    const held = await makeTask({ vendorId, assigneeId: approver.id, amountMinor: 20_000 });
    const ids = async (filter: Partial<InboxFilter>) =>
      (await listInboxTasks(scope, { ...open, vendorId, ...filter }, { sort: "oldest" })).items.map((t) => t.id).sort();
    const sorted = (...tasks: Task[]) => tasks.map((t) => t.id).sort();

    expect(await ids({})).toEqual(sorted(old, usd, review, held));
    expect(await ids({ type: "REVIEW_EXTRACTION" })).toEqual(sorted(review));
    expect(await ids({ createdBefore: new Date(Date.now() - 86_400_000) })).toEqual(sorted(old));
    expect(await ids({ amount: { currency: "EUR", minMinor: 40_000 } })).toEqual(sorted(old, review));
    expect(await ids({ amount: { currency: "EUR", maxMinor: 40_000 } })).toEqual(sorted(held));
    expect(await ids({ amount: { currency: "USD" } })).toEqual(sorted(usd));
    expect(await ids({ view: "mine" })).toEqual(sorted(held));
    expect(await countInboxTasks(scope, { ...open, vendorId })).toBe(4);
    expect(await countInboxTasks(scope, { ...open, vendorId }, 2)).toBe(3);
  });

  it("shows operators their queue only, and admins every queue", async () => {
    const operator = await makeUser({ role: "operator" });
    const admin = await makeUser({ role: "admin" });
    const review = await makeTask({ type: "REVIEW_EXTRACTION", assignedRole: "operator" });
    const spend = await makeTask({ assignedRole: "approver" });
    const seen = async (user: InboxScope) => (await allPages(user, open, "oldest", 100)).ids;
    expect(await seen(operator)).toContain(review.id);
    expect(await seen(operator)).not.toContain(spend.id);
    expect(await seen(admin)).toEqual(expect.arrayContaining([review.id, spend.id]));
  });
});
