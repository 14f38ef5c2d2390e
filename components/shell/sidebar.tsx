"use client";

import { Dialog as Primitive } from "radix-ui";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { cn } from "@/lib/cn";
import { NavLinks } from "./nav-links";

type SidebarProps = {
  items: { href: string; label: string }[];
  account: ReactNode;
};

const toggleClass =
  "rounded-md px-2 py-1 text-sm text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white";

function SidebarBody({ items, account, onNavigate }: SidebarProps & { onNavigate?: () => void }) {
  return (
    <>
      <nav aria-label="Main" className="mt-6 flex-1">
        <NavLinks items={items} {...(onNavigate ? { onNavigate } : {})} />
      </nav>
      <div className="border-t border-slate-800 px-3 pt-4">{account}</div>
    </>
  );
}

/**
 * The navigation: a sidebar from 768 px that can be folded away for a wider page, and below that a bar whose menu
 * button opens it as a drawer (focus kept inside, Escape closes it and focus goes back to the button).
 */
export function Sidebar({ items, account }: SidebarProps) {
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const pathname = usePathname();
  // A link followed from the drawer has done its job: the page it opens should not sit behind the menu.
  useEffect(() => setDrawer(false), [pathname]);

  return (
    <>
      <div className="sticky top-0 z-30 flex items-center justify-between bg-slate-900 px-4 py-2 md:hidden">
        <p className="text-lg font-bold tracking-tight text-white">Keel</p>
        <Primitive.Root open={drawer} onOpenChange={setDrawer}>
          <Primitive.Trigger className={toggleClass}>Menu</Primitive.Trigger>
          <Primitive.Portal>
            <Primitive.Overlay className="fixed inset-0 z-40 bg-slate-900/40 md:hidden" />
            <Primitive.Content className="fixed inset-y-0 left-0 z-50 flex w-64 max-w-[80vw] flex-col bg-slate-900 px-3 py-5 focus:outline-none md:hidden">
              <div className="flex items-center justify-between px-3">
                <Primitive.Title className="text-lg font-bold tracking-tight text-white">Keel</Primitive.Title>
                <Primitive.Close className={toggleClass}>Close menu</Primitive.Close>
              </div>
              <Primitive.Description className="sr-only">Where to go in Keel</Primitive.Description>
              <SidebarBody items={items} account={account} onNavigate={() => setDrawer(false)} />
            </Primitive.Content>
          </Primitive.Portal>
        </Primitive.Root>
      </div>
      <aside
        className={cn(
          "sticky top-0 hidden h-screen shrink-0 flex-col bg-slate-900 py-5 md:flex",
          collapsed ? "w-14 px-1" : "w-60 px-3",
        )}
      >
        <div className={cn("flex items-center", collapsed ? "justify-center" : "justify-between px-3")}>
          {collapsed ? null : <p className="text-lg font-bold tracking-tight text-white">Keel</p>}
          <button
            type="button"
            className={toggleClass}
            aria-expanded={!collapsed}
            aria-label={collapsed ? "Show menu" : "Hide menu"}
            onClick={() => setCollapsed(!collapsed)}
          >
            {collapsed ? "»" : "«"}
          </button>
        </div>
        {collapsed ? null : <SidebarBody items={items} account={account} />}
      </aside>
    </>
  );
}
