"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { updateUserAction } from "../actions";
import { FormAlert } from "@/components/forms/form-alert";
import { DialogFormActions } from "@/components/forms/dialog-form-actions";
import { RoleAndLimitFields } from "./role-limit-fields";
import { useDialogForm } from "@/components/forms/use-dialog-form";

type EditableUser = { id: string; name: string; role: string; approvalLimit: string; approvalCurrency: string };

export function EditUserDialog({ user }: { user: EditableUser }) {
  const { open, setOpen, state, formAction, pending, errors, submitted } = useDialogForm(
    updateUserAction,
    "User updated",
  );
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={`Edit ${user.name}`}
      description="Changes apply on their next click; the audit log keeps the old values."
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Edit ${user.name}`}>
          Edit
        </Button>
      }
    >
      <form action={formAction} className="space-y-4" noValidate key={submitted ? JSON.stringify(submitted) : user.id}>
        <FormAlert state={state} />
        <input type="hidden" name="userId" value={user.id} />
        <RoleAndLimitFields values={submitted ?? user} errors={errors} />
        <DialogFormActions
          onCancel={() => setOpen(false)}
          pending={pending}
          submit="Save changes"
          submitting="Saving…"
        />
      </form>
    </Dialog>
  );
}
