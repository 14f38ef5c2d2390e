import { Input } from "@/components/ui/field";
import { FilterActions, FilterChoice, FilterForm } from "@/components/ui/filter-form";
import type { InboxParams } from "../inbox-params";
import { ageLabels, sortLabels, statusLabels } from "./inbox-labels";

/** Status, vendor, waiting time, amount range and sort; the view and type pills ride along hidden. */
export function InboxFilters({ params, vendors }: { params: InboxParams; vendors: { id: string; name: string }[] }) {
  return (
    <FilterForm action="/inbox" label="Filters">
      {params.view !== "queue" ? <input type="hidden" name="view" value={params.view} /> : null}
      {params.type ? <input type="hidden" name="type" value={params.type} /> : null}
      <FilterChoice name="status" label="Status" value={params.status} width="w-28" labels={statusLabels} />
      <FilterChoice
        name="vendor"
        label="Vendor"
        value={params.vendor ?? ""}
        width="w-40"
        labels={Object.fromEntries(vendors.map((v) => [v.id, v.name]))}
        any="Any vendor"
      />
      <FilterChoice
        name="age"
        label="Waiting"
        value={params.age ?? ""}
        width="w-36"
        labels={ageLabels}
        any="Any time"
      />
      <fieldset className="space-y-1">
        <legend className="block text-xs font-medium text-slate-600">Amount</legend>
        <div className="flex items-center gap-1">
          <div className="w-20">
            <Input
              name="min"
              aria-label="Smallest amount"
              placeholder="from"
              defaultValue={params.min ?? ""}
              inputMode="decimal"
            />
          </div>
          <div className="w-20">
            <Input
              name="max"
              aria-label="Largest amount"
              placeholder="to"
              defaultValue={params.max ?? ""}
              inputMode="decimal"
            />
          </div>
          <div className="w-16">
            <Input
              name="currency"
              aria-label="Currency"
              placeholder="EUR"
              defaultValue={params.currency ?? ""}
              maxLength={3}
              className="uppercase"
            />
          </div>
        </div>
      </fieldset>
      <FilterChoice name="sort" label="Sort" value={params.sort} width="w-36" labels={sortLabels} />
      <FilterActions clearHref="/inbox" />
    </FilterForm>
  );
}

/** The filter values that were not understood, and what was done instead. */
export function FilterProblems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul
      role="alert"
      className="mb-4 list-disc rounded-md border border-amber-200 bg-amber-50 py-2 pr-3 pl-8 text-sm text-amber-900"
    >
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
