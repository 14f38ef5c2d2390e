import type { DialogFormState } from "@/lib/forms";

/** The form-level message of a failed action, when it is not about one field. */
export function FormAlert({ state }: { state: DialogFormState }) {
  if (state.ok !== false || state.fieldErrors) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {state.message}
    </p>
  );
}
