/** The New ticket form's fields, named as `ticketRequestSchema` (services/tickets/api.ts) reads them. */
export const ticketFormFields = ["customerEmail", "customerName", "subject", "body", "orderReference"] as const;
export type TicketFormField = (typeof ticketFormFields)[number];

const optional = new Set<TicketFormField>(["customerName", "orderReference"]);

/**
 * What the form posted, as the intake's request: an address with the spaces a paste brings trimmed, and an optional
 * field left blank as absent rather than an empty reference or name. Only the form's own fields are read.
 */
export function ticketFormInput(formData: FormData): Partial<Record<TicketFormField, string>> {
  const input: Partial<Record<TicketFormField, string>> = {};
  for (const field of ticketFormFields) {
    const value = formData.get(field);
    const text = typeof value === "string" ? value : "";
    if (optional.has(field) && text.trim() === "") continue;
    input[field] = field === "customerEmail" ? text.trim() : text;
  }
  return input;
}
