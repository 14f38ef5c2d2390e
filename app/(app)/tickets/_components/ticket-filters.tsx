import { Input } from "@/components/ui/field";
import { FilterActions, FilterChoice, FilterForm } from "@/components/ui/filter-form";
import { ticketIntentLabels, ticketPriorityLabels } from "@/domain/tickets/classification";
import { ticketStatusLabels } from "@/domain/tickets/lifecycle";
import type { TicketsParams } from "../tickets-params";

const choices = [
  { name: "status", label: "Status", any: "Any status", labels: ticketStatusLabels, width: "w-44" },
  { name: "intent", label: "Intent", any: "Any intent", labels: ticketIntentLabels, width: "w-44" },
  { name: "priority", label: "Priority", any: "Any priority", labels: ticketPriorityLabels, width: "w-36" },
] as const;

/** Status, intent and priority apply when chosen; the customer's email on Enter or with the button. */
export function TicketFilters({ params }: { params: TicketsParams }) {
  return (
    <FilterForm action="/tickets" label="Filters">
      <div className="w-full space-y-1 sm:w-64">
        <label htmlFor="tickets-customer" className="block text-xs font-medium text-slate-600">
          Customer email
        </label>
        <Input
          id="tickets-customer"
          name="customer"
          type="search"
          placeholder="All or part of an address"
          defaultValue={params.customer ?? ""}
        />
      </div>
      {choices.map((choice) => (
        <FilterChoice key={choice.name} {...choice} value={params[choice.name] ?? ""} />
      ))}
      <FilterActions clearHref="/tickets" />
    </FilterForm>
  );
}
