import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { Badge } from "@/components/ui/badge";
import { listOutboxEmails } from "@/db/queries/ledger";
import { requirePermission } from "@/lib/auth/session";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Mailbox" };

/** The outbox as a mailbox: with no SMTP server configured, this is where Keel's emails can be read. */
export default async function MailboxPage() {
  await requirePermission("mailbox:view");
  const emails = await listOutboxEmails();
  return (
    <>
      <PageHeader title="Mailbox" description="Emails Keel has queued, newest first. Without an SMTP server they stay here." />
      {emails.length === 0 ? (
        <ComingSoon>No emails yet. Orders to vendors, reminders and escalations appear here.</ComingSoon>
      ) : (
        <ul aria-label="Emails" className="space-y-3">
          {emails.map((email) => (
            <li key={email.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <div className="flex items-center justify-between gap-4">
                <p className="font-semibold">{email.subject}</p>
                <Badge tone={email.status === "sent" ? "success" : "neutral"}>{email.status}</Badge>
              </div>
              <p className="text-slate-600">
                To {email.to} · {formatUtc(email.createdAt)}
              </p>
              <pre className="mt-2 font-sans whitespace-pre-wrap text-slate-800">{email.body}</pre>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
