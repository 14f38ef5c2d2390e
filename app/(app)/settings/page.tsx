import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/app-shell";
import { requirePermission } from "@/services/auth/session";

export const metadata: Metadata = { title: "Settings" };

const sections = [
  { title: "Users", href: "/settings/users", text: "Who can sign in, their roles and approval limits." },
  {
    title: "Vendors",
    href: "/settings/vendors",
    text: "Vendor master data: names, aliases, tax ids, currencies and bank details.",
  },
  {
    title: "Exchange rates",
    href: "/settings/exchange-rates",
    text: "Rates that convert amounts into each approver's limit currency, by effective date; add one or import a CSV.",
  },
  {
    title: "Operations",
    href: "/settings/operations",
    text: "The hourly rate that prices handling time, and the share of auto-posted documents sampled for QA review.",
  },
  { title: "API keys", href: "/settings/api-keys", text: "Keys for systems that send documents through the REST API." },
  {
    title: "Mailbox",
    href: "/settings/mailbox",
    text: "Every email Keel has queued: purchase orders to vendors, task reminders and escalations.",
  },
  {
    title: "Alerts",
    href: "/settings/alerts",
    text: "Rules that watch empty fields, corrections, straight-through, failures, model errors, backlog and eval drift, and email admins when one fires.",
  },
  { title: "Thresholds", text: "Confidence thresholds, tolerances and four-eyes limits. Not built yet." },
];

export default async function SettingsPage() {
  await requirePermission("settings:view");
  return (
    <>
      <PageHeader title="Settings" description="How Keel is set up for your team." />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sections.map((s) => (
          <li key={s.title} className="rounded-lg border border-slate-200 bg-white p-5">
            {s.href ? (
              <Link href={s.href} className="font-semibold text-slate-900 underline-offset-4 hover:underline">
                {s.title}
              </Link>
            ) : (
              <p className="font-semibold text-slate-500">{s.title}</p>
            )}
            <p className="mt-1 text-sm text-slate-600">{s.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
