import { describe, expect, it } from "vitest";
import { controlOfStop, nextToReview, stopOfControl } from "./review-order";

const order = [
  { name: "documentClass", needsPerson: false },
  { name: "vendorName", needsPerson: true },
  { name: "totalMinor", needsPerson: false },
  { name: "dueDate", needsPerson: true },
  { name: "line-0", needsPerson: true },
];

describe("nextToReview", () => {
  it("goes from the top to the first stop that needs a person", () => {
    expect(nextToReview(order, new Set(), null)).toBe("vendorName");
  });

  it("skips what needs no person and what was accepted, and goes round to the top", () => {
    expect(nextToReview(order, new Set(), "vendorName")).toBe("dueDate");
    expect(nextToReview(order, new Set(["dueDate"]), "vendorName")).toBe("line-0");
    expect(nextToReview(order, new Set(), "line-0")).toBe("vendorName");
  });

  it("says none is left once every stop that needed a person was accepted", () => {
    expect(nextToReview(order, new Set(["vendorName", "dueDate", "line-0"]), "totalMinor")).toBeNull();
    expect(nextToReview(order, new Set(["dueDate", "line-0"]), "vendorName")).toBeNull();
  });
});

describe("stops and controls", () => {
  it("maps a control to its stop and back", () => {
    expect(stopOfControl("field-totalMinor")).toBe("totalMinor");
    expect(stopOfControl("line-12-unitPriceMinor")).toBe("line-12");
    expect(stopOfControl("reason")).toBeNull();
    expect(controlOfStop("line-12")).toBe("line-12-description");
    expect(controlOfStop("dueDate")).toBe("field-dueDate");
  });
});
