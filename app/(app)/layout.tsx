import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/services/auth/session";
import { signOutUser } from "./actions";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user} signOut={signOutUser}>
      {children}
    </AppShell>
  );
}
