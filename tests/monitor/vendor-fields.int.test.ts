import { beforeAll, describe, expect, it } from "vitest";
import { selectFieldStatsByVendor } from "@/db/queries/monitor/fields";
import { withKeelDatabase } from "../setup/keel-database";
import { extractionWith, hours, seedDocument, seedExtraction } from "./seed";

withKeelDatabase();

const from = new Date("2018-01-01T00:00:00Z");
const window = { from, to: new Date(from.getTime() + hours(24)) };

beforeAll(async () => {
  // Vendors A..F with 6, 5, 4, 3, 2 and 2 documents; E and F tie, and E comes first by name.
  const counts: [string, number][] = [
    ["Vendor A", 6],
    ["Vendor B", 5],
    ["Vendor C", 4],
    ["Vendor D", 3],
    ["Vendor F", 2],
    ["Vendor E", 2],
  ];
  for (const [vendorName, n] of counts)
    for (let i = 0; i < n; i++) {
      const document = await seedDocument({ createdAt: new Date(from.getTime() + hours(1)), vendorName });
      // One of Vendor A's six documents has no PO number.
      const empty = vendorName === "Vendor A" && i === 0 ? (["poNumber"] as const) : [];
      await seedExtraction(document.id, extractionWith({ confidence: 0.9, empty: [...empty] }), document.createdAt);
    }
  // A document without a vendor is in no vendor's numbers.
  const anonymous = await seedDocument({ createdAt: new Date(from.getTime() + hours(2)) });
  await seedExtraction(anonymous.id, extractionWith({ confidence: 0.9 }), anonymous.createdAt);
});

describe("selectFieldStatsByVendor", () => {
  it("keeps the vendors with the most documents, ties by name, and measures each on its own documents", async () => {
    const stats = await selectFieldStatsByVendor(window, 5);
    expect([...new Set(stats.map((s) => s.vendor))].sort()).toEqual([
      "Vendor A",
      "Vendor B",
      "Vendor C",
      "Vendor D",
      "Vendor E",
    ]);
    const a = stats.find((s) => s.vendor === "Vendor A" && s.field === "poNumber");
    expect(a?.documents).toBe(6);
    expect(a?.emptyRate).toBeCloseTo(1 / 6, 9);
    expect(stats.find((s) => s.vendor === "Vendor E" && s.field === "poNumber")).toMatchObject({
      documents: 2,
      emptyRate: 0,
    });
  });
});
