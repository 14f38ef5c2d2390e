import { describe, expect, it } from "vitest";
import { listAuditEntries, systemActor } from "@/db/queries/audit";
import { getCustomerByEmail, getOrderByReference } from "@/db/queries/customers";
import { importCustomersCsv, importOrdersCsv } from "@/services/tickets/import";
import { withKeelDatabase } from "../setup/keel-database";
import { suffix } from "./factories";

withKeelDatabase();

const actor = systemActor("test");

describe("importing customers and orders", () => {
  it("saves customers and their orders, and a second import updates them in place", async () => {
    const id = suffix();
    const ana = `ana-${id}@example.test`;
    expect(await importCustomersCsv(`email,name\n${ana.toUpperCase()},Ana\n`, actor)).toEqual({
      ok: true,
      added: 1,
      updated: 0,
    });
    expect(await importCustomersCsv(`email,name\n${ana},"Souza, Ana"\n`, actor)).toEqual({
      ok: true,
      added: 0,
      updated: 1,
    });
    const customer = await getCustomerByEmail(ana);
    expect(customer?.name).toBe("Souza, Ana");

    const header = "reference,customer_email,currency,total,paid_at,status";
    expect(await importOrdersCsv(`${header}\nR-${id},${ana},USD,89.99,2026-01-20,paid\n`, actor)).toMatchObject({
      ok: true,
      added: 1,
    });
    expect(await importOrdersCsv(`${header}\nR-${id},${ana},USD,79.99,2026-01-20,delivered\n`, actor)).toMatchObject({
      ok: true,
      added: 0,
      updated: 1,
    });
    expect(await getOrderByReference(`R-${id}`)).toMatchObject({
      customerId: customer?.id,
      currency: "USD",
      totalMinor: 7999,
      status: "delivered",
      paidAt: new Date("2026-01-20T00:00:00Z"),
    });
    const audit = await listAuditEntries({ action: "orders.imported" }, { limit: 5 });
    expect(audit.entries[0]?.after).toMatchObject({ added: 0, updated: 1, orders: [`R-${id}`] });
  });

  it("writes no order when one line names a customer not on file, and names that line", async () => {
    const id = suffix();
    const known = `known-${id}@example.test`;
    await importCustomersCsv(`email,name\n${known},Known\n`, actor);
    const csv = [
      "reference,customer_email,currency,total,paid_at,status",
      `K-${id},${known},EUR,10.00,2026-01-01,paid`,
      `U-${id},nobody-${id}@example.test,EUR,10.00,2026-01-01,paid`,
    ].join("\n");
    expect(await importOrdersCsv(csv, actor)).toEqual({
      ok: false,
      errors: [
        `Line 3: no customer nobody-${id}@example.test is on file; import the customers first (email,name) or correct the email.`,
      ],
    });
    expect(await getOrderByReference(`K-${id}`)).toBeUndefined();
  });

  it("writes no customer when one line is bad", async () => {
    const id = suffix();
    const result = await importCustomersCsv(`email,name\ngood-${id}@example.test,Good\nbad-${id},Bad\n`, actor);
    expect(result).toEqual({ ok: false, errors: ["Line 3: Write a valid email address, such as ana@example.com."] });
    expect(await getCustomerByEmail(`good-${id}@example.test`)).toBeUndefined();
  });
});
