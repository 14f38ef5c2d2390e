import { FilterPills } from "@/components/ui/filter-pills";
import { taskTypes } from "@/domain/task-types";
import { inboxHref, type InboxParams } from "../inbox-params";
import { count, typeLabels } from "./inbox-labels";

/** Queue or mine, and one pill per task type, each with how many tasks it holds. */
export function InboxPills({
  params,
  admin,
  queue,
  mine,
  allTypes,
  byType,
}: {
  params: InboxParams;
  admin: boolean;
  queue: number;
  mine: number;
  allTypes: number;
  /** Counts in the order of `taskTypes`. */
  byType: number[];
}) {
  return (
    <>
      <FilterPills
        label="Queue or mine"
        pills={[
          {
            key: "queue",
            label: `${admin ? "All queues" : "My role's queue"} (${count(queue)})`,
            href: inboxHref(params, { view: undefined }),
            active: params.view === "queue",
          },
          {
            key: "mine",
            label: `Assigned to me (${count(mine)})`,
            href: inboxHref(params, { view: "mine" }),
            active: params.view === "mine",
          },
        ]}
      />
      <FilterPills
        label="Filter by type"
        pills={[
          {
            key: "all",
            label: `All types (${count(allTypes)})`,
            href: inboxHref(params, { type: undefined }),
            active: params.type === undefined,
          },
          ...taskTypes.map((t, i) => ({
            key: t,
            label: `${typeLabels[t]} (${count(byType[i] ?? 0)})`,
            href: inboxHref(params, { type: t }),
            active: t === params.type,
          })),
        ]}
      />
    </>
  );
}
