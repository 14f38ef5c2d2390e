import { describe, Field, Input, Select } from "@/components/ui/field";
import { roleLabels, roles } from "@/domain/roles";
import type { FieldErrors } from "@/lib/errors";

type Values = { role?: string; approvalLimit?: string; approvalCurrency?: string };

/** Role and approval limit: the fields both the create and the edit form ask for. */
export function RoleAndLimitFields({ values, errors }: { values: Values; errors?: FieldErrors | undefined }) {
  return (
    <>
      <Field id="role" label="Role" errors={errors?.role}>
        <Select {...describe("role", errors?.role)} defaultValue={values.role ?? "operator"}>
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid grid-cols-[1fr_7rem] gap-3">
        <Field
          id="approvalLimit"
          label="Approval limit"
          errors={errors?.approvalLimit}
          hint="The most this person may approve at once."
        >
          <Input
            {...describe("approvalLimit", errors?.approvalLimit)}
            inputMode="decimal"
            defaultValue={values.approvalLimit ?? "0.00"}
          />
        </Field>
        <Field id="approvalCurrency" label="Currency" errors={errors?.approvalCurrency}>
          <Input
            {...describe("approvalCurrency", errors?.approvalCurrency)}
            maxLength={3}
            className="uppercase"
            defaultValue={values.approvalCurrency ?? "EUR"}
          />
        </Field>
      </div>
    </>
  );
}
