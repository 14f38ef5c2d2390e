import { expect, it } from "vitest";
import { getCustomerByEmail, getOrderByReference, listCustomerOrders } from "@/db/queries/customers";
import { demoCustomers, seedDemoCustomers } from "@/db/seed";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

it("creates the demo customers and their paid EUR and USD orders once", async () => {
  const orders = demoCustomers.flatMap((c) => c.orders);
  expect(await seedDemoCustomers()).toBe(orders.length);
  expect(await seedDemoCustomers()).toBe(0);
  expect(new Set(orders.filter((o) => o.paidAt !== null).map((o) => o.currency))).toEqual(new Set(["EUR", "USD"]));
  const ana = await getCustomerByEmail("ana.souza@example.com");
  expect((await listCustomerOrders(ana?.id ?? "")).map((o) => o.reference).sort()).toEqual(["DEMO-1001", "DEMO-1002"]);
  expect(await getOrderByReference("DEMO-2002")).toMatchObject({ currency: "USD", totalMinor: 124_900 });
});
