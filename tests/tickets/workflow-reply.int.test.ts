import { describe, expect, it } from "vitest";
import { getTicketById, transitionTicket, updateTicket } from "@/db/queries/tickets";
import { receiveTicketMessage } from "@/services/tickets/receive";
import { sendTicketReplyStep } from "@/services/tickets/workflow/send-reply";
import { deliverDueEmails, messagesTo, withSmtpSink } from "../mail/harness";
import { withKeelDatabase } from "../setup/keel-database";
import { makeCustomer, makeTicket, suffix } from "./factories";
import { outcome } from "./workflow-helpers";

withKeelDatabase();
const smtp = withSmtpSink();

/** A ticket by email, decided and waiting for its reply to go out. */
async function decidedTicket() {
  const customer = await makeCustomer();
  const customerMessageId = `first-${suffix()}@customer.test`;
  const ticket = await makeTicket(customer, {
    subject: "Where is my order?",
    message: { messageId: customerMessageId, references: [`older-${suffix()}@customer.test`] },
  });
  for (const event of ["classify", "draft", "auto_send"] as const) await transitionTicket(ticket.id, event);
  await updateTicket(ticket.id, { draftReply: "Hello,\n\nIt arrives on Friday.\n\nCustomer support" });
  return { customer, ticket, customerMessageId };
}

describe("the ticket's reply", () => {
  it("is queued once however often the step runs, threaded under the customer's message, and resolves the ticket", async () => {
    const { customer, ticket, customerMessageId } = await decidedTicket();
    const first = await sendTicketReplyStep(ticket.id, new Date());
    const again = await sendTicketReplyStep(ticket.id, new Date());
    expect([first.queued, again.queued]).toEqual([true, false]);
    const after = await outcome(ticket.id);
    expect(after.replies).toHaveLength(1);
    expect(after.replies[0]).toMatchObject({
      to: customer.email,
      subject: "Re: Where is my order?",
      inReplyTo: customerMessageId,
    });
    expect(after.replies[0]?.references.at(-1)).toBe(customerMessageId);
    expect(after.outgoing).toHaveLength(1);
    expect((await getTicketById(ticket.id))?.status).toBe("resolved");
    expect(after.actions.filter((a) => a === "ticket.reply_queued")).toHaveLength(1);
  });

  it("reaches the customer with In-Reply-To and References, and their answer joins the same ticket", async () => {
    const { customer, ticket, customerMessageId } = await decidedTicket();
    await sendTicketReplyStep(ticket.id, new Date());
    expect(await deliverDueEmails()).toContain("sent");
    const [mail] = messagesTo(smtp(), customer.email);
    expect(mail?.mail.inReplyTo).toBe(`<${customerMessageId}>`);
    expect(mail?.mail.references).toContain(`<${customerMessageId}>`);

    const sentId = mail?.mail.messageId?.replace(/^<|>$/g, "") ?? "";
    expect((await outcome(ticket.id)).outgoing[0]?.messageId).toBe(sentId);
    const answer = await receiveTicketMessage({
      source: "email",
      customerEmail: customer.email,
      subject: "Re: Where is my order?",
      body: "Thanks!",
      messageId: `thanks-${suffix()}@customer.test`,
      inReplyTo: sentId,
      references: [customerMessageId, sentId],
      actor: { id: null, label: "inbound email" },
    });
    expect(answer).toMatchObject({ ticketId: ticket.id, created: false, threaded: true });
  });
});
