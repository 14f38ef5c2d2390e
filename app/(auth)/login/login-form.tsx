"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { describe, Field, Input } from "@/components/ui/field";
import { signInWithPassword, type LoginState } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl?: string | undefined }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(signInWithPassword, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <Field id="email" label="Email" errors={state.fieldErrors?.email}>
        <Input
          {...describe("email", state.fieldErrors?.email)}
          type="email"
          autoComplete="username"
          defaultValue={state.email}
          key={state.email}
          autoFocus
        />
      </Field>
      <Field id="password" label="Password" errors={state.fieldErrors?.password}>
        <Input {...describe("password", state.fieldErrors?.password)} type="password" autoComplete="current-password" />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
