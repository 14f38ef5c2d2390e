import { describe, expect, it } from "vitest";
import { cellMark, editMarks, marksOn } from "./edit-marks";

const first = {
  by: "Ann",
  changes: [
    { field: "totalMinor", label: "total", proposed: 155_208, decided: 152_508 },
    { field: "lines[1].unitPriceMinor", label: "line 2 unit price", proposed: 300, decided: 3000 },
    { field: "lines[2]", label: "line 3", proposed: null, decided: "1 × Freight at 90.00 = 90.00" },
  ],
};
const second = { by: "Bo", changes: [{ field: "totalMinor", label: "total", proposed: 152_508, decided: 152_000 }] };

describe("editMarks", () => {
  it("names the latest person to change each value and what it was before their change", () => {
    const marks = editMarks([first, second], "USD");
    expect(marks.totalMinor).toEqual({ by: "Bo", was: "US$1,525.08" });
    expect(marks["lines[1].unitPriceMinor"]).toEqual({ by: "Ann", was: "US$3.00" });
    expect(marks.dueDate).toBeUndefined();
  });

  it("marks every cell of a line added whole, and only the changed cell otherwise", () => {
    const marks = editMarks([first], "USD");
    expect(cellMark(marks, 2, "quantity")).toEqual({ by: "Ann", was: "empty" });
    expect(cellMark(marks, 1, "unitPriceMinor")?.by).toBe("Ann");
    expect(cellMark(marks, 1, "quantity")).toBeNull();
  });

  it("skips changes it cannot read", () => {
    expect(editMarks([{ by: "Ann", changes: [null, 3, { label: "no field" }] }], "USD")).toEqual({});
  });
});

describe("marksOn", () => {
  const fields = { currency: { value: "USD", confidence: 1, evidence: null } };

  it("marks an extraction a person saved, and none read again after them", () => {
    expect(marksOn({ provider: "person:ann@example.com", fields }, [first]).totalMinor?.by).toBe("Ann");
    expect(marksOn({ provider: "deterministic", fields }, [first])).toEqual({});
  });
});
