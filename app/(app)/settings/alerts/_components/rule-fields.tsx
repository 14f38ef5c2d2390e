import { describe, Field, Input } from "@/components/ui/field";

export type FieldChoice = { name: string; label: string };

/** The extraction fields a rule may watch, as a select's options. */
export function FieldOptions({ fields }: { fields: readonly FieldChoice[] }) {
  return fields.map((f) => (
    <option key={f.name} value={f.name}>
      {f.label}
    </option>
  ));
}

/** A number typed as text (a threshold, a window), with its error beside it; the server reads and checks it. */
export function NumberField({
  id,
  name,
  label,
  hint,
  errors,
  defaultValue,
  decimal = false,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string | undefined;
  errors: string[] | undefined;
  defaultValue: string;
  decimal?: boolean;
}) {
  return (
    <Field id={id} label={label} errors={errors} {...(hint ? { hint } : {})}>
      <Input
        {...describe(id, errors)}
        name={name}
        defaultValue={defaultValue}
        inputMode={decimal ? "decimal" : "numeric"}
        autoComplete="off"
      />
    </Field>
  );
}
