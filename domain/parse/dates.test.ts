import { describe, expect, it } from "vitest";
import { addDays, findDates, inferDateOrder, monthFromName, parseDate } from "./dates";

describe("parseDate", () => {
  it.each([
    ["2025-03-12", "2025-03-12"],
    ["2025/03/12", "2025-03-12"],
    ["12.03.2025", "2025-03-12"],
    ["12.3.25", "2025-03-12"],
    ["12 March 2025", "2025-03-12"],
    ["12th March 2025", "2025-03-12"],
    ["March 12, 2025", "2025-03-12"],
    ["Mar 12, 2025", "2025-03-12"],
    ["12-Mar-25", "2025-03-12"],
    ["12 Mar 2025", "2025-03-12"],
    ["12. März 2025", "2025-03-12"],
    ["1. Dezember 2025", "2025-12-01"],
    ["12 mars 2025", "2025-03-12"],
    ["1er février 2025", "2025-02-01"],
    ["12 de marzo de 2025", "2025-03-12"],
    ["12 marzo 2025", "2025-03-12"],
    ["3 settembre 2025", "2025-09-03"],
    ["12 maart 2025", "2025-03-12"],
    ["12 de março de 2025", "2025-03-12"],
    ["12 marca 2025", "2025-03-12"],
    ["2025年3月12日", "2025-03-12"],
  ])("reads %s", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it("reads slashed dates in the document's order", () => {
    expect(parseDate("12/03/2025", "dmy")).toBe("2025-03-12");
    expect(parseDate("03/12/2025", "mdy")).toBe("2025-03-12");
  });

  it("lets impossible values override the order", () => {
    expect(parseDate("25/03/2025", "mdy")).toBe("2025-03-25");
    expect(parseDate("03/25/2025", "dmy")).toBe("2025-03-25");
  });

  it("rejects dates that do not exist", () => {
    for (const text of ["31.02.2025", "2025-13-01", "32 March 2025", "hello", "12/13/14/15"])
      expect(parseDate(text), text).toBeNull();
  });
});

describe("findDates", () => {
  it("finds every date in a line with its span and flags guessed orders", () => {
    const line = "Invoice date: 03/04/2025   Due: 2025-05-03";
    const dates = findDates(line, "dmy");
    expect(dates.map((d) => d.iso)).toEqual(["2025-04-03", "2025-05-03"]);
    expect(dates[0]?.ambiguous).toBe(true);
    expect(line.slice(dates[1]?.start, dates[1]?.end)).toBe("2025-05-03");
  });

  it("does not read amounts or identifiers as dates", () => {
    expect(findDates("Total 1.234,56  INV-2025-0042  12.5")).toEqual([]);
  });
});

describe("inferDateOrder", () => {
  it("uses dates whose values decide first", () => {
    expect(inferDateOrder("Date 03/04/2025 Due 05/28/2025", { country: "GB" })).toBe("mdy");
    expect(inferDateOrder("Date 03/04/2025 Due 28/05/2025", { country: "US" })).toBe("dmy");
  });

  it("falls back on the country, then the currency", () => {
    expect(inferDateOrder("03/04/2025", { country: "US" })).toBe("mdy");
    expect(inferDateOrder("03/04/2025", { country: "GB" })).toBe("dmy");
    expect(inferDateOrder("03/04/2025", { currency: "USD" })).toBe("mdy");
    expect(inferDateOrder("03/04/2025", { currency: "EUR" })).toBe("dmy");
  });
});

describe("helpers", () => {
  it("reads month names in many languages", () => {
    expect(monthFromName("Mrz")).toBe(3);
    expect(monthFromName("août")).toBe(8);
    expect(monthFromName("Okt.")).toBe(10);
    expect(monthFromName("nope")).toBeNull();
  });

  it("adds days across month ends", () => {
    expect(addDays("2025-01-31", 30)).toBe("2025-03-02");
  });
});
