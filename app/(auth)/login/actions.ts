"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { lockoutMessage } from "@/domain/sign-in-throttle";
import { OIDC_PROVIDER_ID, signIn } from "@/services/auth/config";
import { SignInLocked } from "@/services/auth/credentials";
import type { FieldErrors } from "@/lib/errors";
import { safeRedirectPath } from "@/lib/redirect";

const loginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password."),
  callbackUrl: z.string().optional(),
});

export type LoginState = { message?: string; fieldErrors?: FieldErrors; email?: string };

// public: signing in is what makes a user.
export async function signInWithPassword(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse(Object.fromEntries(formData));
  const rawEmail = formData.get("email");
  const email = typeof rawEmail === "string" ? rawEmail : "";
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { fieldErrors, email };
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeRedirectPath(parsed.data.callbackUrl),
    });
    return {};
  } catch (error) {
    // Unknown emails are locked like known ones, so this message tells nothing about who has an account either.
    if (error instanceof SignInLocked) return { message: lockoutMessage(error.retryAt, new Date()), email };
    // One message for unknown user and wrong password: the form must not tell which emails exist.
    if (error instanceof AuthError) return { message: "Email or password is incorrect.", email };
    throw error; // the redirect after a successful sign-in travels as an exception
  }
}

// public: starts single sign-on.
export async function signInWithOidc(formData: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeRedirectPath(formData.get("callbackUrl")) });
}
