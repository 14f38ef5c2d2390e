import { z } from "zod";

/** What a customer wants, as the classifier names it. */
export const ticketIntents = ["refund_request", "order_status", "product_question", "complaint", "other"] as const;
export type TicketIntent = (typeof ticketIntents)[number];
export const ticketIntentLabels: Record<TicketIntent, string> = {
  refund_request: "Refund request",
  order_status: "Order status",
  product_question: "Product question",
  complaint: "Complaint",
  other: "Other",
};

export const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof ticketPriorities)[number];
export const ticketPriorityLabels: Record<TicketPriority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};

/** How a ticket reached Keel: the REST API, an operator in the browser, or an email (SMTP or an uploaded .eml). */
export const ticketSources = ["api", "browser", "email"] as const;
export type TicketSource = (typeof ticketSources)[number];
export const ticketSourceLabels: Record<TicketSource, string> = { api: "API", browser: "Browser", email: "Email" };

/** A language as an ISO 639-1 code, lower case ("en", "de"): what the templates are keyed by. */
export const languageCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2}$/, "Write the language as a two-letter ISO 639-1 code, such as en or de.");

/** What the classify stage stores on the ticket, whichever lane (model, fallback, deterministic) produced it. */
export const ticketClassificationSchema = z.object({
  intent: z.enum(ticketIntents),
  priority: z.enum(ticketPriorities),
  language: languageCodeSchema,
  confidence: z.number().min(0).max(1),
});
export type TicketClassification = z.infer<typeof ticketClassificationSchema>;
