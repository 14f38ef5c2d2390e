import type { ReactNode } from "react";
import { navigationFor } from "@/domain/permissions";
import { roleLabels, type Role } from "@/domain/roles";
import { NavLinks } from "./nav-links";

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
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col bg-slate-900 px-3 py-5">
        <p className="px-3 text-lg font-bold tracking-tight text-white">Keel</p>
        <nav aria-label="Main" className="mt-6 flex-1">
          <NavLinks items={items} />
        </nav>
        <div className="border-t border-slate-800 px-3 pt-4">
          <p className="truncate text-sm font-medium text-white">{user.name}</p>
          <p className="truncate text-xs text-slate-400">
            {user.email} · {roleLabels[user.role]}
          </p>
          <form action={signOut} className="mt-3">
            <button
              type="submit"
              className="text-sm text-slate-300 underline-offset-4 hover:text-white hover:underline"
            >
              Sign out
            </button>
          </form>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-8">{children}</main>
    </div>
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
    <header className="mb-6 flex items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 gap-2 whitespace-nowrap">{actions}</div> : null}
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
