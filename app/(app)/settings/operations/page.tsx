import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/app-shell";
import { getOperatingSettings, getOperatingSettingsUpdate } from "@/db/queries/operating-settings";
import { getUserById } from "@/db/queries/users";
import { operatingSettingsFormValues } from "@/domain/operations/settings";
import { formatUtc } from "@/lib/format";
import { requirePermission } from "@/services/auth/session";
import { OperationsForm } from "./_components/operations-form";

export const metadata: Metadata = { title: "Operations" };

export default async function OperationsSettingsPage() {
  await requirePermission("operations:manage");
  const [settings, update] = await Promise.all([getOperatingSettings(), getOperatingSettingsUpdate()]);
  const by = update?.updatedBy ? await getUserById(update.updatedBy) : undefined;
  return (
    <>
      <PageHeader
        title="Operations"
        description="What handling time costs, and how many documents posted without a person get a second look. A QA review never changes what posted: its findings feed the monitor's error rate among auto-posted documents."
      />
      <OperationsForm values={operatingSettingsFormValues(settings)} />
      <p className="mt-3 text-xs text-slate-500">
        {update
          ? `Last saved ${formatUtc(update.updatedAt)}${by ? ` by ${by.email}` : ""}.`
          : "Keel's defaults apply until an admin saves these settings."}
      </p>
    </>
  );
}
