import type { Metadata } from "next";
import type { ReactNode } from "react";
import { formatMoney } from "@/domain/money";
import { formatUtc } from "@/lib/format";
import { getCurrentUser } from "@/services/auth/session";
import { usableLink } from "@/services/tasks/confirm-link";
import { ConfirmForm } from "./confirm-form";

export const metadata: Metadata = { title: "Confirm", robots: { index: false, follow: false } };

/**
 * public: an emailed action link. Viewing it only shows what it would do — link scanners and previews fetch pages,
 * and must never approve anything; the confirmation below is what acts.
 */
export default async function ActionLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await usableLink(token, await getCurrentUser(), "view");
  if (!found.ok) return <LinkRefused message={found.message} />;
  return (
    <LinkCard>
      <h1 className="mt-3 text-lg font-semibold text-slate-900">
        {found.token.action === "approve" ? "Approve" : "Reject"}: {found.task.title}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        As {found.recipient.name}
        {found.task.amountMinor !== null && found.task.currency
          ? ` · ${formatMoney({ minor: found.task.amountMinor, currency: found.task.currency })}`
          : ""}
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
