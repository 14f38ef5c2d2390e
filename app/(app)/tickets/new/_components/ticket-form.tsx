"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { Button } from "@/components/ui/button";
import { describe, Field, Input } from "@/components/ui/field";
import { cn } from "@/lib/cn";
import type { DialogFormState } from "@/lib/forms";
import { createTicketAction } from "../actions";

const control =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:outline-2 focus:outline-offset-0 focus:outline-slate-900";

const lines = [
  { id: "customerEmail", label: "Customer email", type: "email", autoComplete: "off", hint: undefined },
  { id: "customerName", label: "Customer name (optional)", type: "text", autoComplete: "off", hint: undefined },
  { id: "subject", label: "Subject", type: "text", autoComplete: "off", hint: undefined },
  {
    id: "orderReference",
    label: "Order reference (optional)",
    type: "text",
    autoComplete: "off",
    hint: "The order the customer names, such as DEMO-1001; a refund is checked against what it paid.",
  },
] as const;

/** A ticket for a customer who called or wrote by post: errors beside their fields, nothing stored until all are right. */
export function TicketForm() {
  const [state, formAction, pending] = useActionState<DialogFormState, FormData>(createTicketAction, { ok: null });
  const errors = state.ok === false ? state.fieldErrors : undefined;
  const shown = state.ok === false ? (state.submitted ?? {}) : {};
  return (
    <form
      action={formAction}
      noValidate
      aria-label="Type in a ticket"
      className="grid gap-4 sm:grid-cols-2"
      key={JSON.stringify(shown)}
    >
      <div className="sm:col-span-2">
        <FormAlert state={state} />
      </div>
      {lines.map((line) => (
        <Field
          key={line.id}
          id={line.id}
          label={line.label}
          errors={errors?.[line.id]}
          {...(line.hint ? { hint: line.hint } : {})}
        >
          <Input
            {...describe(line.id, errors?.[line.id])}
            type={line.type}
            autoComplete={line.autoComplete}
            defaultValue={shown[line.id] ?? ""}
          />
        </Field>
      ))}
      <div className="sm:col-span-2">
        <Field id="body" label="Message" errors={errors?.body} hint="What the customer said, in their words.">
          <textarea
            id="body"
            name="body"
            aria-invalid={errors?.body?.length ? true : undefined}
            aria-describedby={errors?.body?.length ? "body-error" : "body-hint"}
            rows={8}
            defaultValue={shown.body ?? ""}
            className={cn(control, errors?.body?.length ? "border-red-600" : "border-slate-300")}
          />
        </Field>
      </div>
      <div className="flex justify-end sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create ticket"}
        </Button>
      </div>
    </form>
  );
}
