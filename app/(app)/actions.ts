"use server";

import { signOut } from "@/services/auth/config";

// public: signing out needs no permission; without a session it just returns to the sign-in page.
export async function signOutUser(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
