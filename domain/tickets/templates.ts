import { formatMoney, type Money } from "../money";
import type { TicketIntent } from "./classification";

/**
 * The replies Keel drafts without a model, one per intent and language. A template draft is a starting point a
 * person edits, never a reply sent on its own (see `templateDraftFinding`). The languages here are the ones the
 * risk rule "unsupported-language" accepts: a ticket in another language is answered in English and flagged.
 */

export const templateLanguages = ["en", "de"] as const;
export type TemplateLanguage = (typeof templateLanguages)[number];

export type TemplateFacts = {
  customerName: string | null;
  orderReference: string | null;
  /** The refund the draft proposes, if any. */
  refund: Money | null;
};

type Template = (facts: TemplateFacts, locale: string) => string;

const orderPart = (facts: TemplateFacts, en: boolean) =>
  facts.orderReference ? (en ? ` about order ${facts.orderReference}` : ` zur Bestellung ${facts.orderReference}`) : "";

const english: Record<TicketIntent, Template> = {
  refund_request: (f, locale) =>
    f.refund
      ? `Thank you for contacting us${orderPart(f, true)}. We have arranged a refund of ${formatMoney(f.refund, locale)}; it will reach your original payment method within 5 to 10 business days.`
      : `Thank you for contacting us${orderPart(f, true)}. We are looking into your refund request and will confirm the amount shortly.`,
  order_status: (f) =>
    `Thank you for your message${orderPart(f, true)}. Your order is on its way; you will receive the tracking details by email as soon as the carrier confirms them.`,
  product_question: () =>
    "Thank you for your question. A member of our team is checking the product details and will answer you shortly.",
  complaint: (f) =>
    `We are sorry to hear about your experience${orderPart(f, true)}. We take this seriously and a member of our team will get back to you shortly.`,
  other: () => "Thank you for your message. A member of our team will get back to you shortly.",
};

const german: Record<TicketIntent, Template> = {
  refund_request: (f, locale) =>
    f.refund
      ? `Vielen Dank für Ihre Nachricht${orderPart(f, false)}. Wir haben eine Erstattung von ${formatMoney(f.refund, locale)} veranlasst; sie erreicht Ihr ursprüngliches Zahlungsmittel innerhalb von 5 bis 10 Werktagen.`
      : `Vielen Dank für Ihre Nachricht${orderPart(f, false)}. Wir prüfen Ihren Erstattungswunsch und bestätigen Ihnen den Betrag in Kürze.`,
  order_status: (f) =>
    `Vielen Dank für Ihre Nachricht${orderPart(f, false)}. Ihre Bestellung ist unterwegs; die Sendungsverfolgung erhalten Sie per E-Mail, sobald der Versanddienst sie bestätigt.`,
  product_question: () =>
    "Vielen Dank für Ihre Frage. Unser Team prüft die Produktdetails und antwortet Ihnen in Kürze.",
  complaint: (f) =>
    `Es tut uns leid, dass Sie diese Erfahrung gemacht haben${orderPart(f, false)}. Wir nehmen das ernst und melden uns in Kürze bei Ihnen.`,
  other: () => "Vielen Dank für Ihre Nachricht. Unser Team meldet sich in Kürze bei Ihnen.",
};

const templates: Record<TemplateLanguage, { greet: (name: string | null) => string; sign: string; locale: string }> = {
  en: { greet: (name) => `Hello${name ? ` ${name}` : ""},`, sign: "Kind regards,\nCustomer support", locale: "en-GB" },
  de: {
    greet: (name) => (name ? `Guten Tag ${name},` : "Guten Tag,"),
    sign: "Mit freundlichen Grüßen\nIhr Kundenservice",
    locale: "de-DE",
  },
};

const bodies: Record<TemplateLanguage, Record<TicketIntent, Template>> = { en: english, de: german };

export function isTemplateLanguage(language: string): language is TemplateLanguage {
  return (templateLanguages as readonly string[]).includes(language);
}

/** The template reply for `intent` in `language`, or in English when Keel has no templates in that language. */
export function templateReply(
  intent: TicketIntent,
  language: string,
  facts: TemplateFacts,
): { reply: string; language: TemplateLanguage } {
  const used: TemplateLanguage = isTemplateLanguage(language) ? language : "en";
  const frame = templates[used];
  const body = bodies[used][intent](facts, frame.locale);
  return { reply: `${frame.greet(facts.customerName)}\n\n${body}\n\n${frame.sign}`, language: used };
}

/**
 * The finding every template draft carries: without a model nothing judged the customer's words, so a person reads
 * the draft before it goes. Its rule id is the existing "low-confidence", which is what it means.
 */
export const templateDraftFinding = {
  rule: "low-confidence",
  message:
    "The reply was drafted from a template, not by a model (none is configured, or none answered in time); read the customer's message and adjust the draft before approving.",
  details: { lane: "deterministic" },
} as const;
