import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/cn";

const control =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 " +
  "focus:outline-2 focus:outline-offset-0 focus:outline-slate-900 disabled:bg-slate-50 disabled:text-slate-500";

type FieldProps = { id: string; label: string; errors?: string[] | undefined; hint?: string; children: ReactNode };

/** A label, a control and the errors beside it, tied together for screen readers. */
export function Field({ id, label, errors, hint, children }: FieldProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-700" role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

type ControlState = { invalid?: boolean | undefined; describedBy?: string | undefined };

export function Input({ className, invalid, describedBy, ...props }: ComponentProps<"input"> & ControlState) {
  return (
    <input
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      className={cn(control, invalid ? "border-red-600" : "border-slate-300", className)}
      {...props}
    />
  );
}

export function Select({ className, invalid, describedBy, ...props }: ComponentProps<"select"> & ControlState) {
  return (
    <select
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      className={cn(control, "pr-8", invalid ? "border-red-600" : "border-slate-300", className)}
      {...props}
    />
  );
}

/** Props wiring a control to its Field's error or hint. */
export function describe(id: string, errors?: string[]): ControlState & { id: string; name: string } {
  return { id, name: id, invalid: Boolean(errors?.length), describedBy: errors?.length ? `${id}-error` : `${id}-hint` };
}
