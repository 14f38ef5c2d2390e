import { describe, expect, it } from "vitest";
import { ticketRequestSchema } from "@/services/tickets/api";
import { ticketFormInput } from "./ticket-form-input";

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

describe("ticketFormInput", () => {
  it("reads a filled form as the intake's request, the pasted address trimmed", () => {
    const input = ticketFormInput(
      form({
        customerEmail: "  ana@example.com ",
        customerName: "Ana Souza",
        subject: "Kettle broken",
        body: "It arrived broken.",
        orderReference: "DEMO-1001",
        $ACTION_ID_abc: "",
      }),
    );
    expect(ticketRequestSchema.parse(input)).toEqual({
      customerEmail: "ana@example.com",
      customerName: "Ana Souza",
      subject: "Kettle broken",
      body: "It arrived broken.",
      orderReference: "DEMO-1001",
    });
  });

  it("leaves blank optional fields out instead of storing an empty order reference", () => {
    const input = ticketFormInput(
      form({ customerEmail: "ana@example.com", customerName: " ", subject: "Hi", body: "Hello", orderReference: "  " }),
    );
    expect(input).toEqual({ customerEmail: "ana@example.com", subject: "Hi", body: "Hello" });
  });

  it("gives each empty required field its own message saying what to write", () => {
    const result = ticketRequestSchema.safeParse(ticketFormInput(form({ body: "   " })));
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      customerEmail: "Write the customer's email address, such as ana@example.com.",
      subject: "Write a subject: a few words on what the customer asks.",
      body: "Write the customer's message; it is empty.",
    });
  });
});
