"use client";

import { DialogFormActions } from "@/components/forms/dialog-form-actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useDialogForm } from "@/components/forms/use-dialog-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describe, Field, Input } from "@/components/ui/field";
import { vendorFields } from "@/components/forms/vendor-fields";
import { blankVendorForm } from "@/domain/vendors";
import { saveVendorAction } from "../actions";

export type VendorValues = {
  id?: string;
  name: string;
  aliases: string;
  taxId: string;
  currency: string;
  iban: string;
  bic: string;
  accountNumber: string;
  sortCode: string;
  accountName: string;
  email: string;
  address: string;
};

const empty: VendorValues = blankVendorForm;

/** Create or edit a vendor; bank details here are the trusted ones documents are checked against. */
export function VendorDialog({ vendor }: { vendor?: VendorValues }) {
  const { open, setOpen, state, formAction, pending, errors, submitted } = useDialogForm(
    saveVendorAction,
    vendor ? "Vendor saved" : "Vendor added",
  );
  const values = { ...empty, ...vendor, ...submitted };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={vendor ? `Edit ${vendor.name}` : "Add a vendor"}
      description="Bank details entered here are what Keel trusts; a document that differs needs an admin to confirm."
      trigger={
        vendor ? (
          <Button variant="ghost" size="sm" aria-label={`Edit ${vendor.name}`}>
            Edit
          </Button>
        ) : (
          <Button>Add vendor</Button>
        )
      }
    >
      <form
        action={formAction}
        className="grid max-h-[70vh] grid-cols-2 gap-3 overflow-y-auto pr-1"
        noValidate
        key={JSON.stringify(submitted ?? vendor?.id ?? "new")}
      >
        <div className="col-span-2">
          <FormAlert state={state} />
        </div>
        {vendor?.id ? <input type="hidden" name="vendorId" value={vendor.id} /> : null}
        {vendorFields.map((f) => (
          <div key={f.id} className={f.id === "name" || f.id === "aliases" ? "col-span-2" : ""}>
            <Field id={f.id} label={f.label} errors={errors?.[f.id]} {...(f.hint ? { hint: f.hint } : {})}>
              <Input {...describe(f.id, errors?.[f.id])} defaultValue={values[f.id]} autoComplete="off" />
            </Field>
          </div>
        ))}
        <DialogFormActions
          onCancel={() => setOpen(false)}
          pending={pending}
          submit="Save vendor"
          submitting="Saving…"
          className="col-span-2"
        />
      </form>
    </Dialog>
  );
}
