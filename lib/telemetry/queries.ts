import { stampCorrelation, type Correlation } from "@/lib/telemetry/correlation";
import { withSpan } from "@/lib/telemetry/span";

/**
 * A group of database work that belongs together (a step's reads, one transaction's writes) as one span, rather
 * than a span per query. `correlate` names ids the work itself produced, such as a new document's.
 */
export function withQueries<T>(
  group: string,
  fn: () => Promise<T>,
  correlate?: (result: T) => Correlation,
): Promise<T> {
  return withSpan(`db ${group}`, { "db.system.name": "postgresql", "keel.db.group": group }, async () => {
    const result = await fn();
    if (correlate) stampCorrelation(correlate(result));
    return result;
  });
}
