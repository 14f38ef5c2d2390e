"use client";

import { DialogFormActions } from "@/components/forms/dialog-form-actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useDialogForm } from "@/components/forms/use-dialog-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describe, Field, Select } from "@/components/ui/field";
import { alertRuleKinds, alertRuleKindSpecs } from "@/domain/alerts/kinds";
import { addAlertRuleAction } from "../actions";
import { FieldOptions, NumberField, type FieldChoice } from "./rule-fields";

/** A second rule of a kind, on another field or with another threshold; it starts enabled. */
export function AddRuleDialog({ fields }: { fields: readonly FieldChoice[] }) {
  const { open, setOpen, state, formAction, pending, errors, submitted } = useDialogForm(
    addAlertRuleAction,
    "Rule added",
  );
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Add a rule"
      description="What the rule watches, its threshold and the window it is measured over."
      trigger={<Button variant="secondary">Add rule</Button>}
    >
      <form action={formAction} className="space-y-3" noValidate key={JSON.stringify(submitted ?? "new")}>
        <FormAlert state={state} />
        <Field id="kind" label="Watches" errors={errors?.kind}>
          <Select {...describe("kind", errors?.kind)} defaultValue={submitted?.kind ?? alertRuleKinds[0]}>
            {alertRuleKinds.map((kind) => (
              <option key={kind} value={kind}>
                {alertRuleKindSpecs[kind].label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="field"
          label="Field"
          errors={errors?.field}
          hint="For empty fields and corrections; for an eval drop, none means any field. Other rules ignore it."
        >
          <Select {...describe("field", errors?.field)} defaultValue={submitted?.field ?? ""}>
            <option value="">None</option>
            <FieldOptions fields={fields} />
          </Select>
        </Field>
        <NumberField
          id="threshold"
          name="threshold"
          label="Threshold"
          errors={errors?.threshold}
          hint="Points for rises and drops, % for rates, failures per hour, or hours for the backlog."
          defaultValue={submitted?.threshold ?? ""}
          decimal
        />
        <NumberField
          id="windowMinutes"
          name="windowMinutes"
          label="Window (minutes)"
          errors={errors?.windowMinutes}
          hint="Rises compare it with the window just before."
          defaultValue={submitted?.windowMinutes ?? "60"}
        />
        <DialogFormActions onCancel={() => setOpen(false)} pending={pending} submit="Add rule" submitting="Adding…" />
      </form>
    </Dialog>
  );
}
