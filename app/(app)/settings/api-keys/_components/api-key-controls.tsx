"use client";

import { useActionState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { describe, Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { createApiKeyAction, revokeApiKeyAction, type CreateKeyState } from "../actions";

export function CreateApiKeyForm() {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createApiKeyAction, { ok: null });
  const errors = state.ok === false ? state.fieldErrors : undefined;
  return (
    <div className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="min-w-48 flex-1">
          <Field
            id="name"
            label="New key for"
            errors={errors?.name}
            hint="The system that will use it, e.g. “ERP import”."
          >
            <Input {...describe("name", errors?.name)} autoComplete="off" />
          </Field>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
          <input type="checkbox" name="readAll" className="size-4 rounded border-slate-300" />
          Reads every document, not only its own uploads
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
      {state.ok === true ? (
        <div role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <p className="font-medium text-emerald-900">
            Key for {state.data.name} created. Copy it now: Keel keeps only a hash and cannot show it again.
          </p>
          <code className="mt-2 block font-mono break-all text-slate-900" aria-label="New API key">
            {state.data.secret}
          </code>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeButton({ keyId, name }: { keyId: string; name: string }) {
  const [pending, start] = useTransition();
  const notify = useToast();
  return (
    <Button
      size="sm"
      variant="danger"
      disabled={pending}
      aria-label={`Revoke ${name}`}
      onClick={() => {
        start(async () => {
          const result = await revokeApiKeyAction({ keyId });
          notify(
            result.ok
              ? { title: `Revoked ${name}`, tone: "success" }
              : { title: "Not revoked", description: result.message, tone: "error" },
          );
        });
      }}
    >
      Revoke
    </Button>
  );
}
