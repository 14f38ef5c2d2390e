import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  await requirePermission("inbox:view");
  return (
    <>
      <PageHeader title="Inbox" description="Decisions that need a person." />
      <ComingSoon>
        <p>
          Your tasks and your role&apos;s queue will appear here: extractions to review, spend to approve, price and bank
          detail changes to confirm, duplicates to settle. Each task shows the document with its evidence and the
          actions you may take; you will work them with the keyboard (j/k to move, a to approve, r to reject).
        </p>
        <p className="mt-3">There are no tasks yet because the document pipeline is not running in this version.</p>
      </ComingSoon>
    </>
  );
}
