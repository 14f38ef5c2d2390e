"use server";

import { redirect } from "next/navigation";
import { handleAction } from "@/lib/actions";
import { invalid } from "@/lib/errors";
import { formValues, type DialogFormState } from "@/lib/forms";
import { authorize } from "@/services/auth/session";
import { ticketRequestSchema } from "@/services/tickets/api";
import { createTicketAsOperator } from "@/services/tickets/browser";
import { ticketFormInput } from "./ticket-form-input";

/** A ticket typed in by a person: checked as the API checks it, then the ticket's page. */
export async function createTicketAction(_previous: DialogFormState, formData: FormData): Promise<DialogFormState> {
  return handleAction(async () => {
    const user = await authorize("tickets:create");
    const parsed = ticketRequestSchema.safeParse(ticketFormInput(formData));
    if (!parsed.success) return { ...invalid(parsed.error), submitted: formValues(formData) };
    const { ticketId } = await createTicketAsOperator(parsed.data, user);
    redirect(`/tickets/${ticketId}`);
  });
}
