import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readStored } from "./read";

describe("readStored", () => {
  const schema = z.looseObject({ id: z.string(), tries: z.number().default(0) });

  it("gives a row written before a field existed that field's default", () => {
    expect(readStored(schema, { id: "a" }, "row a")).toEqual({ id: "a", tries: 0 });
  });

  it("keeps keys a newer version wrote", () => {
    expect(readStored(schema, { id: "a", tries: 2, later: true }, "row a")).toEqual({ id: "a", tries: 2, later: true });
  });

  it("names the row and the field when a row fits no shape", () => {
    expect(() => readStored(schema, { tries: 1 }, "extraction 42 of document 7")).toThrow(
      /extraction 42 of document 7 fits none of the shapes Keel ever stored:\n.*\n.*at id/,
    );
  });
});
