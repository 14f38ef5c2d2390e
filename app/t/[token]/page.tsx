import type { Metadata } from "next";
import type { ReactNode } from "react";
import { auditRefusedLink, lookupActionToken } from "@/db/queries/action-tokens";
import { formatMoney } from "@/domain/money";
import { mayConfirmLink } from "@/domain/tasks/policy";
import { getCurrentUser } from "@/services/auth/session";
import { linkProblem } from "@/domain/tasks/link-problem";
import { ConfirmForm } from "./confirm-form";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Confirm", robots: { index: false, follow: false } };

/**
 * public: an emailed action link. Viewing it only shows what it would do — link scanners and previews fetch pages,
 * and must never approve anything; the confirmation below is what acts.
 */
export default async function ActionLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await lookupActionToken(token);
  if (found.state !== "valid") {
    await auditRefusedLink(`view:${found.state}`, found.state === "invalid" ? null : found.task.id, found.state === "invalid" ? null : found.task.documentId);
    return <LinkRefused message={linkProblem(found.state)} />;
  }
  const signedIn = await getCurrentUser();
  const person = mayConfirmLink(found.recipient, signedIn);
  if (!person.allowed) {
    await auditRefusedLink("view:not_recipient", found.task.id, found.task.documentId, signedIn && { by: signedIn, recipientId: found.recipient.id });
    return <LinkRefused message={person.reason} />;
  }
  return (
    <LinkCard>
      <h1 className="mt-3 text-lg font-semibold text-slate-900">
        {found.token.action === "approve" ? "Approve" : "Reject"}: {found.task.title}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        As {found.recipient.name}
        {found.task.amountMinor !== null && found.task.currency ? ` · ${formatMoney({ minor: found.task.amountMinor, currency: found.task.currency })}` : ""}
        {" · "}due {formatUtc(found.task.deadlineAt)}
      </p>
      <p className="mt-3 text-sm whitespace-pre-line text-slate-700">{found.task.description}</p>
      <div className="mt-5">
        <ConfirmForm token={token} action={found.token.action === "approve" ? "approve" : "reject"} />
      </div>
    </LinkCard>
  );
}

function LinkCard({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-sm font-bold tracking-tight text-slate-900">Keel</p>
        {children}
      </div>
    </main>
  );
}

function LinkRefused({ message }: { message: string }) {
  return (
    <LinkCard>
      <h1 className="mt-3 text-lg font-semibold text-slate-900">This link cannot be used</h1>
      <p role="alert" className="mt-2 text-sm text-slate-700">
        {message}
      </p>
    </LinkCard>
  );
}
