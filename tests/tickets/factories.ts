import { randomBytes } from "node:crypto";
import { addMissingOrders, findOrCreateCustomer } from "@/db/queries/customers";
import { createTicket, type TicketInput } from "@/db/queries/tickets";
import type { Customer, Order, Ticket } from "@/db/schema";

export const suffix = () => randomBytes(4).toString("hex");

export async function makeCustomer(name = "Ana Souza"): Promise<Customer> {
  return findOrCreateCustomer({ email: `customer-${suffix()}@example.test`, name });
}

export async function makeOrder(
  customer: Customer,
  overrides: Partial<{ currency: string; totalMinor: number }> = {},
): Promise<Order> {
  const reference = `T-${suffix()}`;
  await addMissingOrders([
    {
      reference,
      customerId: customer.id,
      currency: overrides.currency ?? "EUR",
      totalMinor: overrides.totalMinor ?? 4990,
      paidAt: new Date("2026-03-01T10:00:00Z"),
      status: "paid",
    },
  ]);
  const { getOrderByReference } = await import("@/db/queries/customers");
  const order = await getOrderByReference(reference);
  if (!order) throw new Error("makeOrder: the order was not saved");
  return order;
}

/** A ticket by email from `customer`, with one incoming message. */
export async function makeTicket(
  customer: Customer,
  overrides: Partial<Omit<TicketInput, "message">> & { message?: Partial<TicketInput["message"]> } = {},
): Promise<Ticket> {
  const { message, ...ticket } = overrides;
  const { ticket: made } = await createTicket({
    customerId: customer.id,
    subject: "Where is my order?",
    source: "email",
    ...ticket,
    message: {
      direction: "in",
      from: customer.email,
      subject: "Where is my order?",
      bodyText: "Hello, my order has not arrived.",
      ...message,
    },
  });
  return made;
}
