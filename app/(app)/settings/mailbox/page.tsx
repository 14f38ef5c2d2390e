import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { OutboxEmail, OutboxEmailStatus } from "@/db/schema";
import { requirePermission } from "@/services/auth/session";
import { smtpServer } from "@/lib/env";
import { formatUtc } from "@/lib/format";
import { listMailbox } from "@/services/mail/mailbox";

export const metadata: Metadata = { title: "Mailbox" };

const statusTones: Record<OutboxEmailStatus, BadgeTone> = {
  queued: "neutral",
  sending: "info",
  sent: "success",
  failed: "danger",
};

function Delivery({ email }: { email: OutboxEmail }) {
  const tries = `${String(email.attempts)} attempt${email.attempts === 1 ? "" : "s"}`;
  return (
    <p className="text-slate-600">
      {email.sentAt ? `Sent ${formatUtc(email.sentAt)} · ${tries}` : tries}
      {email.status === "queued" && email.nextAttemptAt ? ` · next try ${formatUtc(email.nextAttemptAt)}` : null}
      {email.lastError && email.status !== "sent" ? (
        <span className="block text-red-800">Last error: {email.lastError}</span>
      ) : null}
    </p>
  );
}

/**
 * The outbox as a mailbox: every email with its delivery, and where to read them while no SMTP server is set. Action
 * links are never shown: they are minted only when an email is sent, for its recipient alone.
 */
export default async function MailboxPage() {
  await requirePermission("mailbox:view");
  const emails = await listMailbox();
  const server = smtpServer();
  return (
    <>
      <PageHeader title="Mailbox" description="Emails Keel has queued, newest first, and how their delivery went." />
      <p role="status" className="mb-4 rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700">
        {server ? (
          <>
            Emails are sent through the SMTP server <span className="font-medium">{server}</span>.
          </>
        ) : (
          "No SMTP server is configured (SMTP_URL), so emails are kept here, queued, and not sent."
        )}
      </p>
      {emails.length === 0 ? (
        <ComingSoon>No emails yet. Orders to vendors, reminders and escalations appear here.</ComingSoon>
      ) : (
        <ul aria-label="Emails" className="space-y-3">
          {emails.map((email) => (
            <li key={email.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <div className="flex items-center justify-between gap-4">
                <p className="font-semibold">{email.subject}</p>
                <Badge tone={statusTones[email.status]}>{email.status}</Badge>
              </div>
              <p className="text-slate-600">
                To {email.to} · {formatUtc(email.createdAt)}
              </p>
              {server || email.status !== "queued" ? <Delivery email={email} /> : null}
              <pre className="mt-2 font-sans whitespace-pre-wrap text-slate-800">{email.body}</pre>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
