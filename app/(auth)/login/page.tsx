import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { getCurrentUser } from "@/services/auth/session";
import { env, oidcConfigured } from "@/lib/env";
import { safeRedirectPath } from "@/lib/redirect";
import { signInWithOidc } from "./actions";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const errorMessages: Record<string, string> = {
  NotProvisioned: "Your single sign-on account is not a Keel user yet. Ask an admin to add your email address.",
  AccessDenied: "Your single sign-on account is not a Keel user yet. Ask an admin to add your email address.",
  Configuration: "Sign-in is not configured correctly. Tell an admin.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  // Normalised here too, so the page never echoes a hostile callbackUrl into its forms.
  const callbackUrl = safeRedirectPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const error = params.error
    ? params.code === "locked"
      ? "Too many failed sign-ins. Wait a few minutes, then try again; if you have forgotten your password, ask an admin."
      : (errorMessages[params.error] ?? "Sign-in failed. Try again.")
    : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-2xl font-bold tracking-tight text-slate-900">Keel</p>
          <h1 className="mt-2 text-lg text-slate-600">Sign in to your workspace</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {error ? (
            <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
          <LoginForm callbackUrl={callbackUrl} />
          {oidcConfigured() ? (
            <form action={signInWithOidc} className="mt-4 border-t border-slate-200 pt-4">
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" variant="secondary" className="w-full">
                Continue with {env().AUTH_OIDC_NAME}
              </Button>
            </form>
          ) : null}
        </div>
      </div>
    </main>
  );
}
