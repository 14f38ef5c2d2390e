import { describe, expect, it } from "vitest";
import { recordAudit } from "@/db/queries/audit";
import { db } from "@/db/index";
import { queueEmail } from "@/db/queries/ledger";
import { getTicketReplyEmail, getTicketTask, listTicketAudit, listTicketViews } from "@/db/queries/ticket-views";
import { taskApprovals, tasks } from "@/db/schema";
import { makeUser } from "../factories/users";
import { updateTicket } from "@/db/queries/tickets";
import { findOrCreateCustomer } from "@/db/queries/customers";
import { withKeelDatabase } from "../setup/keel-database";
import { makeCustomer, makeTicket, suffix } from "./factories";

withKeelDatabase();

describe("the tickets list's reads", () => {
  it("finds a customer's tickets by part of the email address, in any case, newest first", async () => {
    const tag = suffix();
    const ada = await findOrCreateCustomer({ email: `ada-${tag}@example.test`, name: "Ada" });
    const other = await makeCustomer();
    await makeTicket(ada, { subject: "First" });
    await makeTicket(other, { subject: "Someone else's" });
    await makeTicket(ada, { subject: "Second" });
    const { rows } = await listTicketViews({ customerEmail: `ADA-${tag}@EXAMPLE` });
    expect(rows.map((r) => [r.subject, r.customerEmail])).toEqual([
      ["Second", `ada-${tag}@example.test`],
      ["First", `ada-${tag}@example.test`],
    ]);
  });

  it("reads % and _ in the customer search as the characters, not as wildcards", async () => {
    const tag = suffix();
    const customer = await findOrCreateCustomer({ email: `a_b-${tag}@example.test`, name: "A B" });
    await makeTicket(customer);
    await findOrCreateCustomer({ email: `axb-${tag}@example.test`, name: "A X B" }).then((c) => makeTicket(c));
    expect((await listTicketViews({ customerEmail: `a_b-${tag}` })).rows.map((r) => r.customerEmail)).toEqual([
      `a_b-${tag}@example.test`,
    ]);
    expect((await listTicketViews({ customerEmail: `%${tag}` })).rows).toEqual([]);
  });

  it("combines status, intent and priority with the customer", async () => {
    const customer = await makeCustomer();
    const wanted = await makeTicket(customer, { subject: "Refund please" });
    await updateTicket(wanted.id, { intent: "refund_request", priority: "high" });
    const other = await makeTicket(customer, { subject: "Where is it" });
    await updateTicket(other.id, { intent: "order_status", priority: "high" });
    const filter = { customerEmail: customer.email, status: "received", priority: "high" } as const;
    expect((await listTicketViews({ ...filter, intent: "refund_request" })).rows.map((r) => r.id)).toEqual([wanted.id]);
    expect((await listTicketViews({ ...filter, status: "resolved" })).rows).toEqual([]);
  });

  it("pages by keyset without repeating or skipping a ticket", async () => {
    const customer = await makeCustomer();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await makeTicket(customer, { subject: `Question ${String(i)}` }));
    const seen: string[] = [];
    let after;
    for (let pages = 0; pages < 5; pages++) {
      const page = await listTicketViews({ customerEmail: customer.email }, { after, limit: 2 });
      seen.push(...page.rows.map((r) => r.subject));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(["Question 4", "Question 3", "Question 2", "Question 1", "Question 0"]);
  });
});

describe("a ticket's timeline", () => {
  it("holds the ticket's own audit entries, oldest first, and neither its task's nor another ticket's", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket(customer);
    const other = await makeTicket(customer);
    const actor = { id: null, label: "ticket run" };
    await recordAudit({
      actor,
      action: "ticket.classified",
      subjectType: "ticket",
      subjectId: ticket.id,
      correlationId: ticket.id,
    });
    await recordAudit({
      actor,
      action: "ticket.classified",
      subjectType: "ticket",
      subjectId: other.id,
      correlationId: other.id,
    });
    await recordAudit({ actor, action: "task.opened", subjectType: "task", subjectId: "t1", correlationId: ticket.id });
    await recordAudit({
      actor,
      action: "ticket.task_opened",
      subjectType: "ticket",
      subjectId: ticket.id,
      correlationId: ticket.id,
    });
    expect((await listTicketAudit(ticket.id)).map((e) => e.action)).toEqual([
      "ticket.classified",
      "ticket.task_opened",
    ]);
  });
});

describe("a ticket's task and reply", () => {
  it("finds the ticket's review task and no other ticket's", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket(customer);
    const other = await makeTicket(customer);
    const deadlineAt = new Date("2026-12-01T09:00:00Z");
    const [task] = await db()
      .insert(tasks)
      .values({
        ticketId: ticket.id,
        type: "TICKET_REVIEW",
        title: "Review ticket",
        description: "",
        reasons: [],
        proposed: { kind: "ticket", reply: "Sorry.", refundMinor: null, currency: null },
        assignedRole: "operator",
        deadlineAt,
      })
      .returning();
    expect(await getTicketTask(ticket.id)).toEqual({
      id: task?.id,
      status: "open",
      title: "Review ticket",
      assignedRole: "operator",
      deadlineAt,
      createdAt: task?.createdAt,
      approvedBy: [],
    });
    expect(await getTicketTask(other.id)).toBeUndefined();

    const first = await makeUser({ role: "approver" });
    await db()
      .insert(taskApprovals)
      .values({ taskId: task?.id ?? "", userId: first.id });
    expect((await getTicketTask(ticket.id))?.approvedBy).toEqual([{ name: first.name, email: first.email }]);
  });

  it("reads the reply the send step queued under the ticket's key", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket(customer);
    expect(await getTicketReplyEmail(ticket.id)).toBeUndefined();
    await queueEmail({
      idempotencyKey: `ticket-reply:${ticket.id}`,
      documentId: null,
      to: customer.email,
      subject: "Re: Where is my order?",
      body: "It is on its way.",
    });
    expect(await getTicketReplyEmail(ticket.id)).toMatchObject({ to: customer.email, status: "queued" });
  });
});
