import { Input } from "@/components/ui/field";
import { FilterActions, FilterForm } from "@/components/ui/filter-form";
import type { AuditParams } from "../audit-params";

const inputs: { name: keyof AuditParams; label: string; placeholder: string; width: string; type?: string }[] = [
  { name: "actor", label: "Actor", placeholder: "email or part of it", width: "w-52" },
  { name: "action", label: "Action", placeholder: "task.reject or task.*", width: "w-44" },
  { name: "subject", label: "Subject type", placeholder: "task", width: "w-32" },
  { name: "id", label: "Subject id", placeholder: "id", width: "w-72" },
  { name: "correlation", label: "Document", placeholder: "document id", width: "w-72" },
  { name: "from", label: "From", placeholder: "", width: "w-40", type: "date" },
  { name: "to", label: "To", placeholder: "", width: "w-40", type: "date" },
];

/** Actor, action, subject and a range of days, with the export of what they match. */
export function AuditFilters({ params, exportHref }: { params: AuditParams; exportHref: string }) {
  return (
    <FilterForm action="/audit" label="Filters">
      {inputs.map((input) => (
        <div key={input.name} className={`space-y-1 ${input.width} max-w-full`}>
          <label htmlFor={`audit-${input.name}`} className="block text-xs font-medium text-slate-600">
            {input.label}
          </label>
          <Input
            id={`audit-${input.name}`}
            name={input.name}
            type={input.type ?? "text"}
            placeholder={input.placeholder}
            defaultValue={params[input.name] ?? ""}
          />
        </div>
      ))}
      <FilterActions clearHref="/audit" />
      <a href={exportHref} download className="self-center text-sm font-medium underline underline-offset-4">
        Export CSV
      </a>
    </FilterForm>
  );
}
