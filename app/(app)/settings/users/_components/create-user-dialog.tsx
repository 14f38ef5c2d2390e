"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describe, Field, Input } from "@/components/ui/field";
import { createUserAction } from "../actions";
import { FormAlert } from "@/components/forms/form-alert";
import { DialogFormActions } from "@/components/forms/dialog-form-actions";
import { RoleAndLimitFields } from "./role-limit-fields";
import { useDialogForm } from "@/components/forms/use-dialog-form";

export function CreateUserDialog() {
  const { open, setOpen, state, formAction, pending, errors, submitted } = useDialogForm(
    createUserAction,
    "User created",
  );
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Add a user"
      description="They sign in with this email and the initial password you give them."
      trigger={<Button>Add user</Button>}
    >
      <form action={formAction} className="space-y-4" noValidate key={submitted ? JSON.stringify(submitted) : "new"}>
        <FormAlert state={state} />
        <Field id="name" label="Name" errors={errors?.name}>
          <Input {...describe("name", errors?.name)} defaultValue={submitted?.name} autoComplete="off" />
        </Field>
        <Field id="email" label="Email" errors={errors?.email}>
          <Input
            {...describe("email", errors?.email)}
            type="email"
            defaultValue={submitted?.email}
            autoComplete="off"
          />
        </Field>
        <Field id="password" label="Initial password" errors={errors?.password} hint="At least 12 characters.">
          <Input {...describe("password", errors?.password)} type="password" autoComplete="new-password" />
        </Field>
        <RoleAndLimitFields values={submitted ?? {}} errors={errors} />
        <DialogFormActions
          onCancel={() => setOpen(false)}
          pending={pending}
          submit="Create user"
          submitting="Creating…"
        />
      </form>
    </Dialog>
  );
}
