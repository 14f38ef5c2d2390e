import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field, Input, describe } from "@/components/ui/field";
import { periodChoices, periodLabels, type ParsedPeriod } from "@/domain/monitor/period";
import { cn } from "@/lib/cn";

const relative = periodChoices.filter((c) => c !== "custom");

/** The period: one link per fixed span ending now, and a range of days whose problems show beside its fields. */
export function PeriodSelector({ period }: { period: ParsedPeriod }) {
  const custom = period.choice === "custom";
  return (
    <div className="mb-4 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <nav aria-label="Period">
        <ul className="flex flex-wrap gap-1">
          {relative.map((choice) => (
            <li key={choice}>
              <Link
                href={`/monitor?period=${choice}`}
                aria-current={period.choice === choice ? "page" : undefined}
                className={cn(
                  "inline-block rounded-md px-3 py-2 font-medium",
                  period.choice === choice ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100",
                )}
              >
                {periodLabels[choice]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form action="/monitor" aria-label="Custom period" className="flex flex-wrap items-start gap-2">
        <input type="hidden" name="period" value="custom" />
        <div className="w-40 max-w-full">
          <Field id="from" label="From" errors={period.errors.from}>
            <Input type="date" defaultValue={custom ? period.from : ""} {...describe("from", period.errors.from)} />
          </Field>
        </div>
        <div className="w-40 max-w-full">
          <Field id="to" label="To (included)" errors={period.errors.to}>
            <Input type="date" defaultValue={custom ? period.to : ""} {...describe("to", period.errors.to)} />
          </Field>
        </div>
        <Button type="submit" variant="secondary" className="mt-6">
          Show
        </Button>
      </form>
    </div>
  );
}
