import { documentStatusLabels } from "@/components/documents/document-status";
import { Input } from "@/components/ui/field";
import { FilterActions, FilterChoice, FilterForm } from "@/components/ui/filter-form";
import type { DocumentsParams } from "../documents-params";

function DayInput({ name, label, value }: { name: string; label: string; value: string | undefined }) {
  return (
    <div className="space-y-1">
      <label htmlFor={`documents-${name}`} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <Input id={`documents-${name}`} name={name} type="date" defaultValue={value ?? ""} className="w-40" />
    </div>
  );
}

/** Search words, status, vendor and the days received; typed values apply on Enter or with the button. */
export function DocumentFilters({
  params,
  vendors,
}: {
  params: DocumentsParams;
  vendors: { id: string; name: string }[];
}) {
  return (
    <FilterForm action="/documents" label="Filters">
      <div className="w-full space-y-1 sm:w-64">
        <label htmlFor="documents-q" className="block text-xs font-medium text-slate-600">
          Search
        </label>
        <Input
          id="documents-q"
          name="q"
          type="search"
          placeholder="File, vendor or number"
          defaultValue={params.q ?? ""}
        />
      </div>
      <FilterChoice
        name="status"
        label="Status"
        value={params.status ?? ""}
        width="w-36"
        labels={documentStatusLabels}
        any="Any status"
      />
      <FilterChoice
        name="vendor"
        label="Vendor"
        value={params.vendor ?? ""}
        width="w-52 max-w-full"
        labels={Object.fromEntries(vendors.map((v) => [v.id, v.name]))}
        any="Any vendor"
      />
      <DayInput name="from" label="Received from" value={params.from} />
      <DayInput name="to" label="Received until" value={params.to} />
      <FilterActions clearHref="/documents" />
    </FilterForm>
  );
}
