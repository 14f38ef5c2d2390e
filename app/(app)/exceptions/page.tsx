import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Exceptions" };

export default async function ExceptionsPage() {
  await requirePermission("exceptions:view");
  return (
    <>
      <PageHeader title="Exceptions" description="Runs that failed for good." />
      <ComingSoon>
        <p>
          Documents whose processing failed permanently will be grouped here by error class, with the reason and a
          Replay button that resumes the run from the step that failed. Nothing lands here yet because no pipeline runs
          in this version.
        </p>
      </ComingSoon>
    </>
  );
}
