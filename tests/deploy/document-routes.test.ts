import { describe, expect, it } from "vitest";

import { documentReaderRoutes } from "@/lib/deploy/worker-bundle";

import { appEntries, reaches, routeOf } from "./imports";

const sandbox = "ai/sandbox/index.ts";

describe("the routes that start a document reader", () => {
  it("are found by following imports, and include the Inngest endpoint", () => {
    expect(reaches("app/api/inngest/route.ts", sandbox)).toBe(true);
    expect(reaches("app/api/auth/[...nextauth]/route.ts", sandbox)).toBe(false);
  });

  it("are exactly lib/deploy/worker-bundle.ts's list, which next.config.ts traces the reader into", () => {
    const found = [
      ...new Set(
        appEntries()
          .filter((entry) => reaches(entry, sandbox))
          .map(routeOf),
      ),
    ];
    expect(found.sort()).toEqual([...documentReaderRoutes].sort());
  });
});
