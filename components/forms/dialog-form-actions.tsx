import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

type DialogFormActionsProps = {
  onCancel: () => void;
  pending: boolean;
  /** The submit button's words, and what it says instead while the action runs so a second click is not invited. */
  submit: string;
  submitting: string;
  className?: string;
};

/** The row that ends every dialog form: Cancel, which keeps nothing, beside the submit. */
export function DialogFormActions({ onCancel, pending, submit, submitting, className }: DialogFormActionsProps) {
  return (
    <div className={cn(className, "flex justify-end gap-2 pt-2")}>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending}>
        {pending ? submitting : submit}
      </Button>
    </div>
  );
}
