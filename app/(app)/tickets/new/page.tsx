import type { Metadata } from "next";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/shell/app-shell";
import { BackLink } from "@/components/shell/back-link";
import { requirePermission } from "@/services/auth/session";
import { EmlUpload } from "./_components/eml-upload";
import { TicketForm } from "./_components/ticket-form";

export const metadata: Metadata = { title: "New ticket" };

function Panel({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 mb-4 text-sm text-slate-600">{description}</p>
      {children}
    </section>
  );
}

export default async function NewTicketPage() {
  await requirePermission("tickets:create");
  return (
    <>
      <BackLink href="/tickets" label="Tickets" />
      <PageHeader
        title="New ticket"
        description="A customer's request that reached you another way. It runs through the same checks as email and the API."
      />
      <div className="grid max-w-5xl gap-6 xl:grid-cols-[2fr_1fr]">
        <Panel title="Type in a ticket" description="For a phone call or a letter: write down what the customer asked.">
          <TicketForm />
        </Panel>
        <Panel
          title="Upload a saved email"
          description="A reply to a ticket Keel already has joins that ticket instead of starting a new one."
        >
          <EmlUpload />
        </Panel>
      </div>
    </>
  );
}
