"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useToast } from "@/components/ui/toast";
import type { DialogFormState } from "@/lib/forms";

type Action = (previous: DialogFormState, formData: FormData) => Promise<DialogFormState>;

/** A dialog form bound to a server action: closes and confirms on success, keeps what was typed on failure. */
export function useDialogForm(action: Action, successTitle: string) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState<DialogFormState, FormData>(action, { ok: null });
  const notify = useToast();
  const handled = useRef<DialogFormState | null>(null);

  useEffect(() => {
    if (state.ok === true && handled.current !== state) {
      handled.current = state;
      setOpen(false);
      notify({ title: successTitle, tone: "success" });
    }
  }, [state, notify, successTitle]);

  const errors = state.ok === false ? state.fieldErrors : undefined;
  const submitted = state.ok === false ? state.submitted : undefined;
  return { open, setOpen, state, formAction, pending, errors, submitted };
}
