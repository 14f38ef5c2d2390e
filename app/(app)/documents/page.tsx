import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Documents" };

export default async function DocumentsPage() {
  await requirePermission("documents:view");
  return (
    <>
      <PageHeader title="Documents" description="Purchase orders, invoices and vendor emails, and where each one stands." />
      <ComingSoon>
        <p>
          Upload PDFs, scans, emails and spreadsheets here by dragging them in. Each document will be listed with its
          status (received, extracting, needs review, approved, posted or failed) and will open onto its timeline: every
          step, attempt, model call, token and cost, decision and side effect.
        </p>
        <p className="mt-3">Uploading is not available in this version yet.</p>
      </ComingSoon>
    </>
  );
}
