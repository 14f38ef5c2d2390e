"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describe, Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { FieldErrors } from "@/lib/errors";
import { askVendorAction } from "../../actions";

/** A drafted question to the vendor, edited and sent from a dialog; the task stays open for the decision. */
export function AskVendor({
  taskId,
  draft,
  disabledReason,
}: {
  taskId: string;
  draft: { to: string; subject: string; body: string };
  disabledReason: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState(draft.to);
  const [subject, setSubject] = useState(draft.subject);
  const [body, setBody] = useState(draft.body);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const notify = useToast();

  const send = () => {
    start(async () => {
      const result = await askVendorAction({ taskId, to, subject, body });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? null : result.message);
        return;
      }
      setOpen(false);
      notify({
        title: result.data.queued ? `Sent to ${to}` : "Already sent",
        description: result.data.queued
          ? "The task stays open until someone decides it."
          : "This exact message went out before; nothing was sent twice.",
        tone: "success",
      });
      router.refresh();
    });
  };

  return (
    <div>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Ask the vendor"
        description="Edit the draft, then send it. The task stays open; decide it when the vendor has answered."
        trigger={
          <Button variant="secondary" disabled={disabledReason !== null}>
            Ask the vendor…
          </Button>
        }
      >
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          {message ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {message}
            </p>
          ) : null}
          <Field
            id="vendor-to"
            label="To"
            errors={errors.to}
            hint={draft.to ? "The address on file for this vendor." : "No address is on file for this vendor."}
          >
            <Input
              {...describe("vendor-to", errors.to)}
              type="email"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </Field>
          <Field id="vendor-subject" label="Subject" errors={errors.subject}>
            <Input
              {...describe("vendor-subject", errors.subject)}
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
            />
          </Field>
          <Field id="vendor-body" label="Message" errors={errors.body}>
            <textarea
              id="vendor-body"
              name="vendor-body"
              rows={10}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              aria-invalid={errors.body ? true : undefined}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
            />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              Send
            </Button>
          </div>
        </form>
      </Dialog>
      {disabledReason ? <p className="mt-1 text-xs text-slate-600">{disabledReason}</p> : null}
    </div>
  );
}
