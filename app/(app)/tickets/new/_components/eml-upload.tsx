"use client";

import { useRouter } from "next/navigation";
import { useState, type SubmitEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

/** The most an .eml may be, as the server holds it (`maxInboundMailBytes`): said before a long upload, not after. */
const maxEmlBytes = 10 * 1024 * 1024;

type Answer = { ticketId?: string; error?: { message: string } };

async function upload(file: File): Promise<Answer> {
  try {
    const response = await fetch("/api/tickets/eml", {
      method: "POST",
      headers: { "x-filename": encodeURIComponent(file.name) },
      body: file,
    });
    return (await response.json()) as Answer;
  } catch {
    return { error: { message: "The upload was interrupted or its answer could not be read. Try again." } };
  }
}

/**
 * A customer's email saved from a mail program becomes a ticket (or a reply on the ticket it answers), read as mail
 * that arrives by SMTP is. The server decides what the file is; the size is checked here first to spare a long wait.
 */
export function EmlUpload() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("eml");
    if (!(file instanceof File) || file.name === "") {
      setError("Choose a saved email (.eml) to upload.");
      return;
    }
    if (file.size > maxEmlBytes) {
      setError(
        `${file.name} is larger than 10 MB, the most a ticket takes. Save the email without its attachments and upload it again.`,
      );
      return;
    }
    setPending(true);
    setError(null);
    const answer = await upload(file);
    if (answer.ticketId) {
      router.push(`/tickets/${answer.ticketId}`);
      return;
    }
    setPending(false);
    setError(answer.error?.message ?? "Keel could not take this email. Try again.");
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Upload a saved email" className="space-y-4">
      <Field
        id="eml"
        label="Saved email (.eml)"
        errors={error ? [error] : undefined}
        hint="Save the customer's message from your mail program as .eml, up to 10 MB."
      >
        <Input
          id="eml"
          name="eml"
          type="file"
          accept=".eml,message/rfc822"
          invalid={error !== null}
          describedBy={error ? "eml-error" : "eml-hint"}
          onChange={() => setError(null)}
        />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Uploading…" : "Upload email"}
        </Button>
      </div>
    </form>
  );
}
