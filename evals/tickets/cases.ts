import type { TicketFacts } from "@/ai/prompts/ticket-draft-v1";
import type { TicketIntent } from "@/domain/tickets/classification";

/** A frozen support message and what a good draft of it says: the intent, the language and the refund. */
export type TicketEvalCase = {
  id: string;
  facts: TicketFacts;
  expected: { intent: TicketIntent; language: string; refundMinor: number | null };
};

const order = (reference: string, totalMinor: number, refundedMinor = 0) => ({
  reference,
  currency: "EUR",
  totalMinor,
  refundedMinor,
  status: "paid",
});

/** The ticket draft eval's cases: every intent, both template languages and one without, refunds clear and not. */
export const ticketEvalCases: readonly TicketEvalCase[] = [
  {
    id: "refund-full-en",
    facts: {
      subject: "Refund for order EV-1001",
      body: "The kettle arrived broken. I want a full refund please.",
      customerName: "Jane Doe",
      order: order("EV-1001", 4990),
    },
    expected: { intent: "refund_request", language: "en", refundMinor: 4990 },
  },
  {
    id: "refund-amount-de",
    facts: {
      subject: "Erstattung",
      body: "Eine der zwei Tassen war kaputt. Bitte erstatten Sie mir 12,50 EUR, danke.",
      customerName: "Max Muster",
      order: order("EV-1002", 2500),
    },
    expected: { intent: "refund_request", language: "de", refundMinor: 1250 },
  },
  {
    id: "refund-unclear-en",
    facts: {
      subject: "Money back?",
      body: "I would like some money back for the delay, is that possible?",
      customerName: null,
      order: order("EV-1003", 8000),
    },
    expected: { intent: "refund_request", language: "en", refundMinor: null },
  },
  {
    id: "order-status-en",
    facts: {
      subject: "Where is my order?",
      body: "Hello, my order EV-1004 has not arrived yet. Can you give me the tracking number?",
      customerName: "Ana Souza",
      order: order("EV-1004", 1999),
    },
    expected: { intent: "order_status", language: "en", refundMinor: null },
  },
  {
    id: "order-status-de",
    facts: {
      subject: "Wo ist meine Bestellung?",
      body: "Ich habe vor zwei Wochen bestellt und die Lieferung ist noch nicht angekommen.",
      customerName: null,
      order: order("EV-1005", 3500),
    },
    expected: { intent: "order_status", language: "de", refundMinor: null },
  },
  {
    id: "product-question-en",
    facts: {
      subject: "Question about the blender",
      body: "Is the blender jug compatible with the older base model? How do I check?",
      customerName: null,
      order: null,
    },
    expected: { intent: "product_question", language: "en", refundMinor: null },
  },
  {
    id: "complaint-en",
    facts: {
      subject: "Complaint",
      body: "The courier was rude and the box was damaged. I am very disappointed with the service.",
      customerName: "Lee",
      order: order("EV-1007", 4200),
    },
    expected: { intent: "complaint", language: "en", refundMinor: null },
  },
  {
    id: "order-status-fr",
    facts: {
      subject: "Ma commande",
      body: "Bonjour, je n'ai pas reçu mon colis. Merci de me dire où est la livraison.",
      customerName: null,
      order: order("EV-1008", 1500),
    },
    expected: { intent: "order_status", language: "fr", refundMinor: null },
  },
];
