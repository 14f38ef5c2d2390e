import type { ReactNode } from "react";
import { navigationFor } from "@/domain/permissions";
import { roleLabels, type Role } from "@/domain/roles";
import { Sidebar } from "./sidebar";

export function AppShell({
  user,
  signOut,
  children,
}: {
  user: { name: string; email: string; role: Role };
  signOut: () => Promise<void>;
  children: ReactNode;
}) {
  const items = navigationFor(user).map(({ href, label }) => ({ href, label }));
  const account = (
    <>
      <p className="truncate text-sm font-medium text-white" title={user.name}>
        {user.name}
      </p>
      <p className="truncate text-xs text-slate-400" title={user.email}>
        {user.email} · {roleLabels[user.role]}
      </p>
      <form action={signOut} className="mt-3">
        <button
          type="submit"
          className="text-sm text-slate-300 underline-offset-4 hover:text-white hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
        >
          Sign out
        </button>
      </form>
    </>
  );
  return (
    <>
      <a
        href="#content"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <div className="min-h-screen md:flex">
        <Sidebar items={items} account={account} />
        <main id="content" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 focus:outline-none md:px-6 md:py-6">
          {children}
        </main>
      </div>
    </>
  );
}

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  return (
    <header className="mb-4 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold break-words text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </header>
  );
}

/** What a screen will hold once it is built: said plainly, with no invented data. */
export function ComingSoon({ children }: { children: ReactNode }) {
  return (
    <section className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-sm leading-6 text-slate-600">
      {children}
    </section>
  );
}
